// Every allocator's block counts as the allocating thread's write, and the
// report names that allocator on top of the previous write's stack: calloc,
// realloc and aligned_alloc here (malloc is alloc_write_race.c's). A reader
// reaches each block through a relaxed pointer. Its race-free twin is
// alloc_frames_norace.c (this program with ORDERED).
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK:      {{^  Previous write of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK-NEXT: {{^    #0 calloc }}
// CHECK-NEXT: {{^    #1 main .*alloc_frames_race.c}}
// CHECK:      {{^  Previous write of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK-NEXT: {{^    #0 realloc }}
// CHECK-NEXT: {{^    #1 main .*alloc_frames_race.c}}
// CHECK:      {{^  Previous write of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK-NEXT: {{^    #0 aligned_alloc }}
// CHECK-NEXT: {{^    #1 main .*alloc_frames_race.c}}
// CHECK: weft: reported 3 warnings

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#ifdef ORDERED
#define PUBLISH memory_order_release
#define TAKE memory_order_acquire
#else
#define PUBLISH memory_order_relaxed
#define TAKE memory_order_relaxed
#endif

static _Atomic(long *) published[3]; // relaxed: orders nothing (unless ORDERED)

static void *reader(void *arg) {
  (void)arg;
  long sum = 0;
  for (int i = 0; i < 3; ++i) {
    long *p;
    while (!(p = atomic_load_explicit(&published[i], TAKE)))
      ;
    sum += p[1];
  }
  return (void *)sum;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, reader, 0);
  long *zeroed = calloc(8, sizeof(long));
  atomic_store_explicit(&published[0], zeroed, PUBLISH);
  // Not realloc(NULL, n), which the optimizer turns into malloc(n).
  long *grown = realloc(malloc(sizeof(long)), 8 * sizeof(long));
  atomic_store_explicit(&published[1], grown, PUBLISH);
  long *aligned = aligned_alloc(64, 8 * sizeof(long));
  atomic_store_explicit(&published[2], aligned, PUBLISH);
  pthread_join(t, 0);
  free(zeroed);
  free(grown);
  free(aligned);
  return 0;
}
