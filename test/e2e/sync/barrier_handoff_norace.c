// Every arrival at a barrier happens before every departure: each thread
// writes its own slot before the barrier and reads the others' after it.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 2 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

#define N 3
static pthread_barrier_t barrier;
static int slot[N];

static void *worker(void *arg) {
  long me = (long)arg;
  for (int round = 1; round <= 3; round++) {
    slot[me] = round;
    pthread_barrier_wait(&barrier);
    int sum = 0;
    for (int i = 0; i < N; i++)
      sum += slot[i];
    if (sum != N * round)
      return (void *)1;
    pthread_barrier_wait(&barrier); // nobody writes the next round early
  }
  return 0;
}

int main(void) {
  pthread_t t[N];
  void *bad;
  int failures = 0;
  pthread_barrier_init(&barrier, 0, N);
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], 0, worker, (void *)i);
  for (int i = 0; i < N; i++) {
    pthread_join(t[i], &bad);
    failures += bad != 0;
  }
  pthread_barrier_destroy(&barrier);
  return failures;
}
