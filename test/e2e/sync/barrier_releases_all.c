// Blocking semantics of a barrier: nobody leaves before the last thread
// arrives, everyone leaves when it does, and exactly one waiter per round
// gets PTHREAD_BARRIER_SERIAL_THREAD (which one is the strategy's choice).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 3 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <stdatomic.h>

#define N 4
static pthread_barrier_t barrier;
static atomic_int arrived, serials, early;

static void *worker(void *arg) {
  for (int round = 1; round <= 2; round++) {
    atomic_fetch_add(&arrived, 1);
    int r = pthread_barrier_wait(&barrier);
    if (atomic_load(&arrived) < N * round)
      atomic_fetch_add(&early, 1);
    if (r == PTHREAD_BARRIER_SERIAL_THREAD)
      atomic_fetch_add(&serials, 1);
    else if (r != 0)
      return (void *)1;
    pthread_barrier_wait(&barrier);
  }
  return 0;
}

int main(void) {
  pthread_t t[N - 1];
  pthread_barrier_init(&barrier, 0, N);
  for (int i = 0; i < N - 1; i++)
    pthread_create(&t[i], 0, worker, 0);
  worker(0);
  for (int i = 0; i < N - 1; i++)
    pthread_join(t[i], 0);
  // Two counted rounds, plus the two uncounted ones.
  return atomic_load(&early) == 0 && atomic_load(&serials) == 2 ? 0 : 1;
}
