// Two threads write neighbouring bytes of one 8-byte word (different struct
// members, like bit-field neighbours in different bytes): not a race.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 4 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

struct Flags {
  char a, b, c, d;
  short e, f;
} flags;

static void *left(void *arg) {
  for (int i = 0; i < 10; i++) {
    flags.a = 1;
    flags.c = 2;
    flags.e = 3;
  }
  return 0;
}

static void *right(void *arg) {
  for (int i = 0; i < 10; i++) {
    flags.b = 1;
    flags.d = 2;
    flags.f = 3;
  }
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, left, 0);
  pthread_create(&y, 0, right, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
