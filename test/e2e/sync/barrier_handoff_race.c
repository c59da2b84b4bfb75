// The twin of barrier_handoff_norace.c without the second barrier: a fast
// thread writes its slot for the next round while a slow one still reads
// the previous round's values.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'slot'
// TSAN-DIFFERS: TSan models a barrier as one release/acquire clock, so a slow thread leaving round k also acquires what a fast thread did before arriving at round k+1, which hides this race; weft orders each round separately.

#include <pthread.h>

#define N 3
static pthread_barrier_t barrier;
int slot[N];

static void *worker(void *arg) {
  long me = (long)arg;
  int sum = 0;
  for (int round = 1; round <= 3; round++) {
    slot[me] = round;
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < N; i++)
      sum += slot[i];
  }
  return (void *)(long)sum;
}

int main(void) {
  pthread_t t[N];
  pthread_barrier_init(&barrier, 0, N);
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], 0, worker, (void *)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], 0);
  return 0;
}
