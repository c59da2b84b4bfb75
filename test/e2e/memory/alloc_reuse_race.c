// Memory freed and allocated again at the same address, in one epoch of
// one thread, is written by each allocation with the same shadow value;
// an allocation's stack is kept with its block (docs/design.md, "Frees are
// writes, and so are allocations"), so the report of a race with the
// allocation names the newest one, at its own line, and so does the
// location. Built with SIZE=16384 the blocks are above the size whose
// allocation is kept with the block, and the access history names it.
// Race-free twin: alloc_reuse_norace.c (ORDERED: release/acquire).
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -DSIZE=16384 %s -o %t.large
// RUN: env WEFT_SEED=1 %expect-exit 66 %t.large 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Read of size 4 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK-NEXT: {{^    #0 reader .*alloc_reuse_race.c:}}[[@LINE+29]]
// CHECK: {{^  Previous write of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK-NEXT: {{^    #0 malloc }}
// CHECK-NEXT: {{^    #1 main .*alloc_reuse_race.c:}}[[@LINE+39]]
// CHECK: Location is heap block of size {{32|16384}} at 0x{{[0-9a-f]+}} allocated by main thread:
// CHECK-NEXT: {{^    #0 main .*alloc_reuse_race.c:}}[[@LINE+37]]
// CHECK: weft: reported 1 warning

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#ifndef SIZE
#define SIZE 32
#endif

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
  // Enough frees to push the first blocks out of the quarantine, so that
  // glibc hands their memory out again: all in one epoch of main.
  for (int i = 0; i < 3000; ++i) {
    int *old = malloc(SIZE);
    old[1] = i;
    free(old);
  }
  int *p = malloc(SIZE);
  atomic_store_explicit(&published, p, PUBLISH);
  pthread_join(t, 0);
  free(p);
  return 0;
}
