// Twin of elided_read_before_write_race.c: the reader joins the writer first.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 3 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

int shared;

static void *bump(void *arg) {
  shared++;
  return 0;
}

int main(void) {
  pthread_t a;
  pthread_create(&a, 0, bump, 0);
  pthread_join(a, 0);
  return *(volatile int *)&shared == 1 ? 0 : 1;
}
