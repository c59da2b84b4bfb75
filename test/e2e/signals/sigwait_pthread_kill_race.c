// Twin of sigwait_pthread_kill_norace.c: main writes `shared` after
// pthread_kill, so nothing orders that write before the waiter's read once
// sigwait returns: a race.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'shared' of size 4
// CHECK: SUMMARY: weft: data race {{.*}}sigwait_pthread_kill_race.c

#include <pthread.h>
#include <signal.h>
#include <stdio.h>

int shared;

static void *waiter(void *arg) {
  sigset_t *set = arg;
  int sig = 0;
  sigwait(set, &sig);
  printf("shared=%d\n", shared);
  return 0;
}

int main(void) {
  static sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, 0);
  pthread_t t;
  pthread_create(&t, 0, waiter, &set);
  pthread_kill(t, SIGUSR1);
  shared = 42;
  pthread_join(t, 0);
  return 0;
}
