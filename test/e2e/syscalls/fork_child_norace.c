// A multi-threaded program forks. In the child only the forking thread
// survives: it keeps running instrumented code, reads memory a parent
// thread wrote before the fork without synchronization (the child is a
// snapshot, so no race), starts a thread of its own, and exits. The parent
// goes on and joins its worker.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 30 --seed 13 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 30 schedules, 0 failed
// TSAN-DIFFERS: TSan does not support starting threads in the child of a multi-threaded fork (it exits 1); weft does.

#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

static int written_by_worker;
static int child_counter;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int stop;

static void *worker(void *arg) {
  written_by_worker = 5;
  for (;;) {
    pthread_mutex_lock(&m);
    int s = stop;
    pthread_mutex_unlock(&m);
    if (s)
      return 0;
    sched_yield();
  }
}

static void *child_thread(void *arg) {
  child_counter++;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  usleep(100);
  pid_t pid = fork();
  if (pid == 0) {
    int seen = written_by_worker; // before or after the worker's write: no race
    pthread_t c;
    pthread_create(&c, 0, child_thread, 0);
    pthread_join(c, 0);
    child_counter++;
    _exit(child_counter == 2 && (seen == 0 || seen == 5) ? 9 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  pthread_mutex_lock(&m);
  stop = 1;
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return !(WIFEXITED(status) && WEXITSTATUS(status) == 9);
}
