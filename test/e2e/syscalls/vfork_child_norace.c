// A vfork child that closes its copy of a pipe's write end and exits: under
// weft (as under TSan) vfork is a fork, so the child's close does not touch
// the parent's descriptors. The producer's write to the pipe still hands
// `data` to main's read. (Run in the parent's memory, the child's close had
// dropped the pipe's channel and the hand-off was reported as a race.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x4 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 20 --seed 3 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int data;
static int fds[2];

static void *producer(void *arg) {
  data = 42;
  write(fds[1], "x", 1);
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
  printf("child %d, data %d\n", WEXITSTATUS(status), data);
  pthread_join(t, NULL);
  return 0;
}

// CHECK: child 7, data 42
