// Twin of unaligned_race.c: the 1-byte write is just past the straddling
// store's last byte, so nothing overlaps.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 6 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

char bytes[32] __attribute__((aligned(8)));

static void *wide(void *arg) {
  unsigned long long v = ~0ull;
  __builtin_memcpy(&bytes[5], &v, sizeof v); // bytes 5..12
  return 0;
}

static void *narrow(void *arg) {
  bytes[13] = 1;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, wide, 0);
  pthread_create(&b, 0, narrow, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
