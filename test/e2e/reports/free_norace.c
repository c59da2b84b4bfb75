// Twin of free_race.c and use_after_free_race.c: the worker's access is
// ordered before the free by join, and a block freed by one thread and
// reused by another allocation is fresh memory. Silent in every schedule.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 7 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <stdlib.h>

static void *worker(void *p) {
  ((int *)p)[1] = 42;
  int *mine = malloc(16); // may reuse a block main freed
  mine[1] = 1;
  free(mine);
  return 0;
}

int main(void) {
  int *block = malloc(16);
  int *early = malloc(16);
  early[1] = 3;
  free(early);
  pthread_t t;
  pthread_create(&t, 0, worker, block);
  pthread_join(t, 0);
  free(block);
  return 0;
}
