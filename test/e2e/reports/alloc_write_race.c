// An allocation counts as the allocating thread's write of the whole block
// (as in TSan): another thread that reaches the block through a relaxed
// pointer, with nothing ordering it after the allocation, races with it.
// The report names the allocator on top of the previous write's stack.
// Its race-free twin is alloc_write_norace.c (this program with ORDERED).
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Read of size 4 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK-NEXT: {{^    #0 reader .*alloc_write_race.c:36:}}
// CHECK: {{^  Previous write of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK-NEXT: {{^    #0 malloc }}
// CHECK-NEXT: {{^    #1 main .*alloc_write_race.c:42:}}
// CHECK: Location is heap block of size 64
// CHECK: weft: reported 1 warning

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

_Atomic(int *) published; // relaxed: orders nothing (unless ORDERED)
#ifdef ORDERED
#define PUBLISH memory_order_release
#define TAKE memory_order_acquire
#else
#define PUBLISH memory_order_relaxed
#define TAKE memory_order_relaxed
#endif

static void *reader(void *arg) {
  int *p;
  while (!(p = atomic_load_explicit(&published, TAKE)))
    ;
  return (void *)(long)p[1];
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, reader, 0);
  int *p = malloc(64);
  atomic_store_explicit(&published, p, PUBLISH);
  pthread_join(t, 0);
  free(p);
  return 0;
}
