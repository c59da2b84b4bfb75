// Twin of atomic_plain_mix_race.c: atomic read-modify-writes from both
// threads never race with each other, and the final join orders the plain
// read after them.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 3 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

int shared;

static void *adder(void *arg) {
  for (int i = 0; i < 50; i++)
    __atomic_fetch_add(&shared, 1, __ATOMIC_RELAXED);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, adder, 0);
  pthread_create(&b, 0, adder, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return shared == 100 ? 0 : 1;
}
