// A thread waits in sigwait for SIGUSR1 and main sends it with pthread_kill
// after writing `shared`: the waiter blocks in the scheduler (not in the
// kernel with the baton, which hung the run), wakes when the signal is sent,
// and the send orders main's write before the waiter's read. Every schedule
// finishes and none reports.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 40 --seed 5 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=3 %t 2>&1 | FileCheck --check-prefix=RUN1 %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 40 schedules, 0 failed
// RUN1: waiter got signal 10, shared=42
// RUN1-NOT: WARNING: weft

#include <pthread.h>
#include <signal.h>
#include <stdio.h>

int shared;

static void *waiter(void *arg) {
  sigset_t *set = arg;
  int sig = 0;
  if (sigwait(set, &sig) != 0)
    return (void *)1;
  printf("waiter got signal %d, shared=%d\n", sig, shared);
  return 0;
}

int main(void) {
  static sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, 0); // inherited by the waiter
  pthread_t t;
  pthread_create(&t, 0, waiter, &set);
  shared = 42;
  pthread_kill(t, SIGUSR1);
  void *ret;
  pthread_join(t, &ret);
  return ret != 0;
}
