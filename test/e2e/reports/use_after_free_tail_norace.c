// The twin of use_after_free_tail_race.c: the write of the block's last byte
// (on its last, partly used granule) is ordered before the free by the
// join, so freeing checks that granule and finds nothing.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static void *worker(void *p) {
  sleep(1);
  ((char *)p)[1000] = 42;
  return 0;
}

int main(void) {
  char *block = malloc(1001);
  pthread_t t;
  pthread_create(&t, 0, worker, block);
  pthread_join(t, 0);
  free(block);
  return 0;
}
