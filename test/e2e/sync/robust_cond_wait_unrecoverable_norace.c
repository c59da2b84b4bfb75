// The twin of robust_cond_wait_unrecoverable_race.c: the waiter's condition
// wait returns ENOTRECOVERABLE without the mutex, and main writes only after
// joining it. Silent under every schedule; the mutex stays unrecoverable
// after the waiter exits (its exit does not count as an owner dying).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t m;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int waiting; // under m
int shared; // external: the writes are not optimized away

static void *waiter(void *arg) {
  pthread_mutex_lock(&m);
  waiting = 1;
  int r;
  do
    r = pthread_cond_wait(&c, &m);
  while (r == 0);
  printf("waiter: %s\n", r == ENOTRECOVERABLE ? "ENOTRECOVERABLE" : "other");
  fflush(stdout);
  shared = 1; // no lock held
  return 0;
}

static void *dies_holding(void *arg) {
  pthread_mutex_lock(&m);
  return 0;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&m, &attr);
  pthread_t w, d;
  pthread_create(&w, 0, waiter, 0);
  for (;;) { // until the waiter waits
    pthread_mutex_lock(&m);
    int ready = waiting;
    pthread_mutex_unlock(&m);
    if (ready)
      break;
    sched_yield();
  }
  pthread_create(&d, 0, dies_holding, 0);
  pthread_join(d, 0);
  if (pthread_mutex_lock(&m) != EOWNERDEAD)
    return 1;
  pthread_mutex_unlock(&m); // not made consistent: unrecoverable
  pthread_cond_signal(&c);
  pthread_join(w, 0);
  shared = 2; // after the join: ordered
  // The waiter ended without the mutex: its exit is not an owner's death,
  // and the mutex stays unrecoverable.
  return pthread_mutex_lock(&m) == ENOTRECOVERABLE ? 0 : 2;
}
