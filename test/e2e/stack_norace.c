// Twin of stack_race.c: main reads its stack variable after joining.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

static void *worker(void *p) {
  *(int *)p = 1;
  return NULL;
}

int main(void) {
  int local = 0;
  pthread_t t;
  pthread_create(&t, NULL, worker, &local);
  pthread_join(t, NULL);
  return *(volatile int *)&local == 1 ? 0 : 1;
}
