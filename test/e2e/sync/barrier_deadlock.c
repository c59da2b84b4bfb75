// A barrier for three that only two threads reach: a deadlock, reported
// with how many of the round have arrived.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 67 %t 2>&1 | FileCheck %s
// TSAN-DIFFERS: A real deadlock: under TSan the program hangs until killed; weft detects it and reports it (exit 67).

#include <pthread.h>

static pthread_barrier_t barrier;

static void *worker(void *arg) {
  pthread_barrier_wait(&barrier);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_barrier_init(&barrier, 0, 3);
  pthread_create(&t, 0, worker, 0);
  pthread_barrier_wait(&barrier);
  pthread_join(t, 0);
  return 0;
}

// CHECK: WARNING: weft: deadlock
// CHECK-DAG: Main thread is waiting at barrier 0x{{[0-9a-f]+}} (2 of 3 arrived):
// CHECK-DAG: Thread T1 is waiting at barrier 0x{{[0-9a-f]+}} (2 of 3 arrived):
