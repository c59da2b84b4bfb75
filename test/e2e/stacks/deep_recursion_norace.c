// Twin of deep_recursion_race.c: the read at the bottom of the deep
// recursion comes after the join, so no schedule reports anything.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 7 -- %t

#include <pthread.h>
#include "Inputs/random_paths.h"

static int shared;
static int noise[4096];

NOINLINE static int deep_read(int depth) {
  if (depth == 0)
    return shared;
  int r = deep_read(depth - 1);
  sink++;
  return r;
}

static void *worker(void *arg) {
  // Other paths, each writing a new element: every one keeps a stack.
  for (unsigned i = 0; i < 2048; ++i)
    down_a(i * 2654435761u, 1 + i % 20, &noise[i]);
  down_b(0x16, 5, &shared); // b, b, a, a, b, a: the previous write
  for (unsigned i = 2048; i < 4096; ++i)
    down_b(i * 2246822519u, 1 + i % 20, &noise[i]);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  sink = deep_read(1000);
  return 0;
}

