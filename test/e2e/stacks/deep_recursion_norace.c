// Twin of deep_recursion_race.c: the read at the bottom of the deep
// recursion comes after the join, so no schedule reports anything.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 7 -- %t

#include <pthread.h>

#define NOINLINE __attribute__((noinline))

static int shared;
static int noise[4096];
static __thread volatile int sink; // keeps the calls from being tail calls

NOINLINE static void down_b(unsigned bits, int depth, int *target);

// Goes down `depth` calls, through down_a or down_b as the bits say, and
// writes *target at the bottom.
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

