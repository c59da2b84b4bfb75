// Twin of stack_history_dropped_race.c: the reads come after the join.
// Starting a new history generation moves every thread's epoch on; that
// must never make ordered accesses look concurrent.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS=stack_history_mb=1 %weft test -n 30 --seed 5 -- %t

#include <pthread.h>

#define NOINLINE __attribute__((noinline))

static volatile int old_shared, new_shared;
static int noise[8192];
static __thread volatile int sink; // keeps the calls from being tail calls

NOINLINE static void down_b(unsigned bits, int depth, int *target);

// Goes down `depth` calls, through down_a or down_b as the bits say, and
// writes *target at the bottom: a new path keeps a new stack.
NOINLINE static void down_a(unsigned bits, int depth, int *target) {
  if (depth == 0) {
    *target = 1;
    return;
  }
  if (bits & 1)
    down_a(bits >> 1, depth - 1, target);
  else
    down_b(bits >> 1, depth - 1, target);
  sink++;
}

NOINLINE static void down_b(unsigned bits, int depth, int *target) {
  if (depth == 0) {
    *target = 2;
    return;
  }
  if (bits & 1)
    down_a(bits >> 1, depth - 1, target);
  else
    down_b(bits >> 1, depth - 1, target);
  sink++;
}

NOINLINE static void write_old(void) { old_shared = 1; }
NOINLINE static void write_new(void) { new_shared = 1; }

static void *worker(void *arg) {
  write_old();
  for (unsigned i = 0; i < 8192; ++i)
    down_a(i * 2654435761u, 12 + i % 16, &noise[i]);
  write_new();
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  sink = old_shared;
  sink = new_shared;
  return 0;
}

