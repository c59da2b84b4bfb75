// Allocation, lock and thread-creation stacks are never dropped, so they are
// bounded by stack_history_mb as a whole (docs/design.md, "Stacks"): once
// that is full, a new one keeps only its innermost frame. The race's own
// stacks stay exact.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=stack_history_mb=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

static int *blocks[8192];
static _Atomic(int *) last; // relaxed: the pointer is no race, the block is
static __thread volatile int sink; // keeps the calls from being tail calls
// The worker's alone. Both variants take it, so that the twin's write is
// a new epoch's too, kept in the full trie like the race's.
static pthread_mutex_t own = PTHREAD_MUTEX_INITIALIZER;

NOINLINE static void down_b(unsigned bits, int depth, int **slot);

// Goes down `depth` calls, through down_a or down_b as the bits say, and
// allocates at the bottom: a new path keeps a new allocation stack.
NOINLINE static void down_a(unsigned bits, int depth, int **slot) {
  if (depth == 0) {
    *slot = malloc(sizeof(int));
    return;
  }
  if (bits & 1)
    down_a(bits >> 1, depth - 1, slot);
  else
    down_b(bits >> 1, depth - 1, slot);
  sink++;
}

NOINLINE static void down_b(unsigned bits, int depth, int **slot) {
  if (depth == 0) {
    *slot = malloc(sizeof(int));
    return;
  }
  if (bits & 1)
    down_a(bits >> 1, depth - 1, slot);
  else
    down_b(bits >> 1, depth - 1, slot);
  sink++;
}

NOINLINE static int *allocate_last(void) { return malloc(sizeof(int)); }

NOINLINE static void write_last(void) {
  *atomic_load_explicit(&last, memory_order_relaxed) = 1;
}

static void *worker(void *arg) {
  for (unsigned i = 0; i < 8192; ++i)
    down_a(i * 2654435761u, 12 + i % 16, &blocks[i]);
  atomic_store_explicit(&last, allocate_last(), memory_order_relaxed);
  // (In the twin as well, see `own`.)
  // A release starts a new epoch: without it the write below would be
  // covered by the allocation's own write of the block (as in TSan), and
  // the report would name malloc as the previous write.
  pthread_mutex_lock(&own);
  pthread_mutex_unlock(&own);

  write_last();
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef ORDERED // kept_stacks_full_norace.c joins the worker first
  pthread_join(t, 0);
#else
  sleep(1); // not synchronization: the worker's write is unordered
#endif
  sink = *atomic_load_explicit(&last, memory_order_relaxed);
#ifndef ORDERED
  pthread_join(t, 0);
#endif
  return 0;
}

// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}kept_stacks_full_race.c:80:10 ({{.*}})
// CHECK-NEXT:     #1 {{.*}}
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 write_last {{.*}}kept_stacks_full_race.c:54:54 ({{.*}})
// CHECK-NEXT:     #1 worker {{.*}}kept_stacks_full_race.c:68:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Location is heap block of size 4 at 0x{{[0-9a-f]+}} allocated by thread T1:
// CHECK-NEXT:     #0 allocate_last {{.*}}kept_stacks_full_race.c:51:51 ({{.*}})
// CHECK-NEXT:     [more frames unavailable: beyond weft's stack history (stack_history_mb)]
// CHECK-EMPTY:
// CHECK:      weft: reported 1 warning
