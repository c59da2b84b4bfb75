// Replay identity: the same seed gives the same report, byte for byte, once
// the pid is set aside; under `weft replay` (ASLR off) the addresses match
// too. Three threads and several races make the schedule matter.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x5eed %expect-exit 66 %t > %t.first 2>&1
// RUN: env WEFT_SEED=0x5eed %expect-exit 66 %t > %t.second 2>&1
// RUN: %python %S/Inputs/same_report.py --ignore-addresses %t.first %t.second
// RUN: %expect-exit 66 %weft replay 0x5eed -- %t > %t.third 2>&1
// RUN: %expect-exit 66 %weft replay 0x5eed -- %t > %t.fourth 2>&1
// RUN: %python %S/Inputs/same_report.py %t.third %t.fourth
// RUN: FileCheck %s < %t.third
// CHECK: WARNING: weft: data race
// CHECK: To reproduce: WEFT_SEED=0x5eed

#include <pthread.h>
#include <stdio.h>

int a, b, c;

static void *one(void *arg) {
  for (int i = 0; i < 20; i++) {
    a++;
    b += a;
  }
  return 0;
}

static void *two(void *arg) {
  for (int i = 0; i < 20; i++) {
    b++;
    c += b;
  }
  return 0;
}

int main(void) {
  pthread_t x, y, z;
  pthread_create(&x, 0, one, 0);
  pthread_create(&y, 0, two, 0);
  pthread_create(&z, 0, one, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  pthread_join(z, 0);
  printf("%d %d %d\n", a, b, c);
  return 0;
}
