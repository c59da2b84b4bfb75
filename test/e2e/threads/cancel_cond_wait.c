// pthread_cancel reaches a thread blocked in pthread_cond_wait (a
// cancellation point): the wait ends, the mutex is relocked before the
// cleanup handler runs (as glibc does), the handler unlocks it, and join
// returns PTHREAD_CANCELED. Under weft the wait is in the scheduler, not in
// the kernel; before cancellation was modelled, this run was a deadlock.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 30 --seed 5 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 30 --seed 5 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING
// CHECK: cleanup ran holding the mutex: 1
// CHECK-NEXT: joined: canceled
// CHECK-NEXT: main locked the mutex again
// TEST: weft test: 30 schedules, 0 failed

#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int ready, held_in_cleanup;

static void unlock_it(void *arg) {
  // trylock fails with EBUSY when the mutex is held (by this thread).
  held_in_cleanup = pthread_mutex_trylock(&m) != 0;
  pthread_mutex_unlock((pthread_mutex_t *)arg);
}

static void *waiter(void *arg) {
  pthread_mutex_lock(&m);
  pthread_cleanup_push(unlock_it, &m);
  while (!ready)
    pthread_cond_wait(&c, &m);
  pthread_cleanup_pop(1);
  return 0;
}

int main(void) {
  pthread_t t;
  void *res;
  pthread_create(&t, 0, waiter, 0);
  pthread_cancel(t);
  pthread_join(t, &res);
  printf("cleanup ran holding the mutex: %d\n", held_in_cleanup);
  printf("joined: %s\n", res == PTHREAD_CANCELED ? "canceled" : "returned");
  pthread_mutex_lock(&m);
  printf("main locked the mutex again\n");
  pthread_mutex_unlock(&m);
  return 0;
}
