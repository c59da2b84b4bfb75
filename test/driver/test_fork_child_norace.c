// Twin of test_fork_child_race.c: the forked (or exec'd) child's thread
// and main thread take a mutex around the counter; every schedule passes,
// with every way out of the child.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 4 --seed 1 %t exit | FileCheck %s
// RUN: %weft test -n 4 --seed 1 %t _exit | FileCheck %s
// RUN: %weft test -n 4 --seed 1 --no-fork-server %t _exit | FileCheck %s
// RUN: %weft test -n 4 --seed 1 %t exec | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: weft test: 4 schedules, 0 failed

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int child_counter;
static int plain_exit;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *child_thread(void *arg) {
  pthread_mutex_lock(&lock);
  child_counter++;
  pthread_mutex_unlock(&lock);
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
    pthread_mutex_lock(&lock);
    child_counter++;
    pthread_mutex_unlock(&lock);
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
