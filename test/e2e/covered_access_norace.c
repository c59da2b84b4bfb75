// The twin of covered_access_race.c: the byte writer runs after the first
// thread is joined, so neither the covering write nor the covered read races.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

long obj;
volatile char seen;

static void *whole_then_byte(void *arg) {
  obj = 0x0102030405060708;
  seen = ((volatile char *)&obj)[3]; // covered by the write above
  return 0;
}

static void *byte_writer(void *arg) {
  ((volatile char *)&obj)[3] = 9;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, whole_then_byte, 0);
  pthread_join(a, 0);
  pthread_create(&b, 0, byte_writer, 0);
  pthread_join(b, 0);
  return 0;
}
