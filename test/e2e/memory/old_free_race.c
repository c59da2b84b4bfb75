// A heap-use-after-free on a block freed more than 16,384 frees ago: the
// free's stack is kept with the freed block (not in the access history)
// for the last 16,384 frees, so it is no longer named, but the shadow
// still marks the write as a free: the report says heap-use-after-free,
// with the previous stack unavailable, and (past the last 4,096 frees) no
// location line (docs/limits.md, "Old frees"). Race-free twin, built with
// ORDERED, which frees the block after the join: old_free_norace.c.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not="Location is"
// CHECK: WARNING: weft: heap-use-after-free
// CHECK-NEXT: {{^  Write of size 4 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK-NEXT: {{^    #0 worker .*old_free_race.c:}}[[@LINE+12]]
// CHECK: {{^  Previous write of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK-NEXT: {{^    \[stack unavailable}}
// CHECK: SUMMARY: weft: heap-use-after-free
// CHECK: weft: reported 1 warning

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
  // 20,000 frees of blocks of another size, which glibc serves from
  // elsewhere: the freed block's memory stays as it was.
  static void *later[20000];
  for (int i = 0; i < 20000; ++i)
    later[i] = malloc(200);
  for (int i = 0; i < 20000; ++i)
    free(later[i]);
  pthread_join(t, 0);
#ifdef ORDERED
  free(block); // after the join: ordered after the worker's write
#endif
  return 0;
}
