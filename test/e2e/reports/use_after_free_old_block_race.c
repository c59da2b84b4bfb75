// A heap-use-after-free on a block freed more than 4,096 frees ago: the race
// and the free's stack are reported, but the freed block's description has
// been pushed out of the table (docs/limits.md, "Old frees"), so there is no
// location line. (Twin, built with ORDERED, which frees the block after the
// join: use_after_free_old_block_norace.c.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not="Location is"
// CHECK: WARNING: weft: heap-use-after-free
// CHECK: Previous write of size 8 at {{.*}} by main thread:
// CHECK-NEXT: #0 free
// CHECK: SUMMARY: weft: heap-use-after-free

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
#ifndef ORDERED
  free(block);
#endif
  static void *later[5000];
  for (int i = 0; i < 5000; ++i)
    later[i] = malloc(200);
  for (int i = 0; i < 5000; ++i)
    free(later[i]);
  pthread_join(t, 0);
#ifdef ORDERED
  free(block); // after the join: ordered after the worker's write
#endif
  return 0;
}
