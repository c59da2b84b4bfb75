// The twin of use_after_free_old_block_race.c: the worker is joined before
// the block is freed, then 5,000 other blocks come and go. Silent.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static void *worker(void *p) {
  sleep(1); // not synchronization
  ((int *)p)[1] = 42;
  return 0;
}

int main(void) {
  int *block = malloc(16);
  pthread_t t;
  pthread_create(&t, 0, worker, block);
  static void *later[5000];
  for (int i = 0; i < 5000; ++i)
    later[i] = malloc(200);
  for (int i = 0; i < 5000; ++i)
    free(later[i]);
  pthread_join(t, 0);
  free(block);
  return 0;
}
