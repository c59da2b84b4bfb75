// A condition wait whose mutex became unrecoverable while it waited returns
// ENOTRECOVERABLE without the mutex: the waiter holds no lock afterwards.
// Its next write races with another thread's, and the report must not list
// the mutex as held by the waiter. (Twin, built with ORDERED, where main
// writes after joining the waiter: robust_cond_wait_unrecoverable_norace.c.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: waiter: ENOTRECOVERABLE
// CHECK: WARNING: weft: data race
// CHECK: {{(Previous write|Write) of size 4 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK-NEXT: #0 waiter {{.*}}robust_cond_wait_unrecoverable_race.c:33:
// CHECK: SUMMARY: weft: data race

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

#ifndef ORDERED
static void *racer(void *arg) {
  shared = 2; // no synchronization with the waiter at all
  return 0;
}
#endif

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
#ifndef ORDERED
  pthread_t r;
  pthread_create(&r, 0, racer, 0);
#endif
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
#ifdef ORDERED
  shared = 2; // after the join: ordered
  // The waiter ended without the mutex: its exit is not an owner's death,
  // and the mutex stays unrecoverable.
  return pthread_mutex_lock(&m) == ENOTRECOVERABLE ? 0 : 2;
#else
  pthread_join(r, 0);
  return 0;
#endif
}
