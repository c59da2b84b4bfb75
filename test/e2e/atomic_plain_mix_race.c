// An atomic access and a plain access to the same bytes race.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: {{Atomic write|Previous atomic write}} of size 4

#include <pthread.h>

int shared;

static void *atomic_writer(void *arg) {
  __atomic_store_n(&shared, 1, __ATOMIC_SEQ_CST);
  return 0;
}

int main(void) {
  pthread_t t;
  shared = 5;
  pthread_create(&t, 0, atomic_writer, 0);
  shared = 6;
  pthread_join(t, 0);
  return 0;
}
