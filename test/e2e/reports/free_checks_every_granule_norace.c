// Twin of free_checks_every_granule_race.c and use_after_free_tail_race.c:
// the worker's writes inside and at the end of a 1001-byte block are ordered
// before the free by join, and a second worker that writes the same bytes
// of a block allocated after the free (often the same memory) owns fresh
// memory. Silent in every schedule.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 11 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <stdlib.h>

static void *worker(void *p) {
  ((char *)p)[500] = 42;
  ((char *)p)[1000] = 43;
  return 0;
}

static void *reuser(void *arg) {
  char *mine = malloc(1001);
  mine[500] = 1;
  mine[1000] = 2;
  free(mine);
  return 0;
}

int main(void) {
  char *block = malloc(1001);
  pthread_t t, u;
  pthread_create(&t, 0, worker, block);
  pthread_join(t, 0);
  free(block);
  pthread_create(&u, 0, reuser, 0);
  char *again = malloc(1001);
  again[1000] = 3;
  free(again);
  pthread_join(u, 0);
  return 0;
}
