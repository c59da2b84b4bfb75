// free() is a write to the whole block: a free that races with another
// thread's earlier access is a data race whose current access is the free
// (TSan's wording and layout: "#0 free", then the caller).
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static void *worker(void *p) {
  ((int *)p)[1] = 42;
  return 0;
}

int main(void) {
  int *block = malloc(16);
  pthread_t t;
  pthread_create(&t, 0, worker, block);
  sleep(1); // not synchronization: the worker's write is unordered
  free(block);
  pthread_join(t, 0);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 free {{.*}} (free_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK-NEXT:     #1 main {{.*}}free_race.c:22:3 (free_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 worker {{.*}}free_race.c:13:17 (free_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Location is heap block of size 16 at 0x{{[0-9a-f]+}} allocated by main thread:
// CHECK-NEXT:     #0 main {{.*}}free_race.c:18:16 (free_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: data race {{.*}}free_race.c:22:3 in main
