// Twin of heap_race.c: the main thread touches the block only after join.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 5 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <stdlib.h>

static void *worker(void *p) {
  ((int *)p)[2] = 7;
  return NULL;
}

int main(void) {
  int *block = malloc(4 * sizeof(int));
  pthread_t t;
  pthread_create(&t, NULL, worker, block);
  pthread_join(t, NULL);
  block[2] = 3;
  free(block);
  return 0;
}
