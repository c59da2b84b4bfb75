// Twin of kept_stacks_full_race.c: the read comes after the join, so a full
// trie of allocation stacks reports nothing.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS=stack_history_mb=1 %weft test -n 30 --seed 3 -- %t

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

static int *blocks[8192];
static _Atomic(int *) last; // relaxed: the pointer is no race, the block is
static __thread volatile int sink; // keeps the calls from being tail calls

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
  write_last();
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  sink = *atomic_load_explicit(&last, memory_order_relaxed);
  return 0;
}

