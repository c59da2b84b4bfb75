// A race in a forked child is a failure of the schedule, whatever the
// parent's exit status: the child's report reaches weft test through the
// run's report file (weft/test_channel.h), not through the status the
// parent never passes on. The child leaves with exit() (status 66, which
// the parent ignores) or _exit(0), or execs a -race program (this one)
// that races. Twin: test_fork_child_norace.c, this program with ORDERED,
// where both increments hold a mutex.
// RUN: %weft-cc %s -o %t
// RUN: not %weft test -n 4 --seed 1 %t exit | FileCheck %s
// RUN: not %weft test -n 4 --seed 1 %t _exit | FileCheck %s
// RUN: not %weft test -n 4 --seed 1 --no-fork-server %t _exit | FileCheck %s
// RUN: not %weft test -n 4 --seed 1 %t exec | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'child_counter'
// CHECK: parent: done
// CHECK: weft: failure: data race at {{.*}}test_fork_child_race.c:{{36|58}}:{{[0-9]+}} in {{child_thread|main}} with seed 0x
// CHECK: weft test: 1 schedules, 1 failed

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int child_counter;
static int plain_exit;
#ifdef ORDERED
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#endif

static void *child_thread(void *arg) {
#ifdef ORDERED
  pthread_mutex_lock(&lock);
#endif
  child_counter++; // L:thread
#ifdef ORDERED
  pthread_mutex_unlock(&lock);
#endif
  return 0;
}

int main(int argc, char **argv) {
  plain_exit = argc > 1 && strcmp(argv[1], "exit") == 0;
  int in_exec = argc > 1 && strcmp(argv[1], "exec") == 0;
  int execed = argc > 1 && strcmp(argv[1], "execed") == 0;
  pid_t pid = execed ? 0 : fork();
  if (pid == 0 && in_exec) {
    execl(argv[0], argv[0], "execed", (char *)0);
    _exit(127);
  }
  if (pid == 0) {
    pthread_t c;
    pthread_create(&c, 0, child_thread, 0);
#ifdef ORDERED
    pthread_mutex_lock(&lock);
#endif
    child_counter++; // L:main
#ifdef ORDERED
    pthread_mutex_unlock(&lock);
#endif
    pthread_join(c, 0);
    if (plain_exit || execed)
      exit(0);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  printf("parent: done\n");
  return 0;
}
