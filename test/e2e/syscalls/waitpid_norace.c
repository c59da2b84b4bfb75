// The main thread waits for a child process (waitpid) that only exits once
// a worker thread of the parent has written into a pipe: waitpid must leave
// the schedule so the worker can run.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 20 --seed 11 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

static int fds[2];

static void *worker(void *arg) {
  write(fds[1], "go", 2);
  return 0;
}

int main(void) {
  if (pipe(fds) != 0)
    return 2;
  pid_t pid = fork();
  if (pid == 0) {
    char buf[2];
    _exit(read(fds[0], buf, 2) == 2 ? 7 : 1);
  }
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  int status = 0;
  if (waitpid(pid, &status, 0) != pid)
    return 3;
  pthread_join(t, 0);
  return !(WIFEXITED(status) && WEXITSTATUS(status) == 7);
}
