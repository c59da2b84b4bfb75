// The free of a 1001-byte block stays recorded on its last, partly used
// granule too: a later unordered write of the block's last byte is a
// heap-use-after-free whose previous access is the free of that one byte.
// With ORDERED (use_after_free_tail_norace.c) the free comes after the join.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static void *worker(void *p) {
  sleep(1); // not synchronization
  ((char *)p)[1000] = 42;
  return 0;
}

int main(void) {
  char *block = malloc(1001);
  pthread_t t;
  pthread_create(&t, 0, worker, block);
#ifndef ORDERED
  free(block);
#endif
  pthread_join(t, 0);
#ifdef ORDERED
  free(block); // after the join: ordered after the worker's write
#endif
  return 0;
}

// CHECK:      WARNING: weft: heap-use-after-free (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 1 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 worker {{.*}}use_after_free_tail_race.c:[[@LINE-20]]:21 (use_after_free_tail_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Previous write of size 1 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 free {{.*}} (use_after_free_tail_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK-NEXT:     #1 main {{.*}}use_after_free_tail_race.c:[[@LINE-15]]:3 (use_after_free_tail_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Location is heap block of size 1001 at 0x{{[0-9a-f]+}} freed by main thread, allocated by main thread:
// CHECK-NEXT:     #0 main {{.*}}use_after_free_tail_race.c:[[@LINE-21]]:17 (use_after_free_tail_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: heap-use-after-free {{.*}}use_after_free_tail_race.c:[[@LINE-27]]:21 in worker
