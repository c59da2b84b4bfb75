// The twin of use_after_free_race.c: the worker's write is ordered before
// the free (the free comes after the join), so it is no use after free.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static void *worker(void *p) {
  sleep(1);
  ((int *)p)[1] = 42;
  return 0;
}

int main(void) {
  int *block = malloc(16);
  pthread_t t;
  pthread_create(&t, 0, worker, block);
  pthread_join(t, 0);
  free(block);
  return 0;
}
