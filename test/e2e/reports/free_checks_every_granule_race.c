// free() is a write of every byte of the block, not only of its start: a
// free racing with another thread's write deep inside a 1001-byte block is
// reported, the free's side covering that whole granule.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static void *worker(void *p) {
  ((char *)p)[500] = 42;
  return 0;
}

int main(void) {
  char *block = malloc(1001);
  pthread_t t;
  pthread_create(&t, 0, worker, block);
  sleep(1); // not synchronization: the worker's write is unordered
  free(block);
  pthread_join(t, 0);
  return 0;
}

// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 free {{.*}} (free_checks_every_granule_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK-NEXT:     #1 main {{.*}}free_checks_every_granule_race.c:[[@LINE-8]]:3 (free_checks_every_granule_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Previous write of size 1 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 worker {{.*}}free_checks_every_granule_race.c:[[@LINE-19]]:20 (free_checks_every_granule_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Location is heap block of size 1001 at 0x{{[0-9a-f]+}} allocated by main thread:
// CHECK:      SUMMARY: weft: data race {{.*}}free_checks_every_granule_race.c:[[@LINE-12]]:3 in main
