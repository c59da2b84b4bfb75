// Twin of stack_history_dropped_race.c: the reads come after the join.
// Starting a new history generation moves every thread's epoch on; that
// must never make ordered accesses look concurrent.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS=stack_history_mb=1 %weft test -n 30 --seed 5 -- %t

#include <pthread.h>
#include "Inputs/random_paths.h"

static volatile int old_shared, new_shared;
static int noise[8192];

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

