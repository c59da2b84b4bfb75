// An access to a block that another thread freed, not ordered after the
// free: TSan's heap-use-after-free, with the free as the previous write.
// With ORDERED (use_after_free_norace.c) the free comes after the join.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

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
#ifdef OLD_BLOCK
  // Push the freed block's description out of the table of recent frees
  // (use_after_free_old_block_race.c).
  static void *later[5000];
  for (int i = 0; i < 5000; ++i)
    later[i] = malloc(200);
  for (int i = 0; i < 5000; ++i)
    free(later[i]);
#endif
  pthread_join(t, 0);
#ifdef ORDERED
  free(block); // after the join: ordered after the worker's write
#endif
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: heap-use-after-free (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 worker {{.*}}use_after_free_race.c:14:17 (use_after_free_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Previous write of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 free {{.*}} (use_after_free_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK-NEXT:     #1 main {{.*}}use_after_free_race.c:23:3 (use_after_free_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Location is heap block of size 16 at 0x{{[0-9a-f]+}} freed by main thread, allocated by main thread:
// CHECK-NEXT:     #0 main {{.*}}use_after_free_race.c:19:16 (use_after_free_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: heap-use-after-free {{.*}}use_after_free_race.c:14:17 in worker
