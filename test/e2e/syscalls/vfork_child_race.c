// The race twin of vfork_child_norace.c: the producer writes `data` after
// its pipe write, so main's read of it is unordered, and reported.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x4 %expect-exit 66 %t 2>&1 | FileCheck %s

#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int data; // not static: the read must stay before the join
static int fds[2];

static void *producer(void *arg) {
  write(fds[1], "x", 1);
  data = 42;
  return NULL;
}

int main(void) {
  if (pipe(fds))
    return 1;
  pid_t pid = vfork();
  if (pid == 0) {
    close(fds[1]);
    _exit(7);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  char c;
  read(fds[0], &c, 1);
  int seen = data;
  pthread_join(t, NULL);
  printf("child %d, data %d\n", WEXITSTATUS(status), seen == 0 || seen == 42);
  return 0;
}

// CHECK:      WARNING: weft: data race
// CHECK:      {{Read|Write}} of size 4 at 0x{{[0-9a-f]+}} by {{main thread|thread T1}}:
// CHECK-NEXT:   #0 {{main .*vfork_child_race.c:34|producer .*vfork_child_race.c:16}}
// CHECK:      Previous {{read|write}} of size 4 at 0x{{[0-9a-f]+}} by {{main thread|thread T1}}:
// CHECK-NEXT:   #0 {{main .*vfork_child_race.c:34|producer .*vfork_child_race.c:16}}
// CHECK:      Location is global 'data'
// CHECK:      child 7, data 1
// CHECK:      weft: reported 1 warning
