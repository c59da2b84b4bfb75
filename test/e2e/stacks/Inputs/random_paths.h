// random_paths.h: two mutually recursive functions for the stack tests.
// down_a/down_b go `depth` calls down, through down_a or down_b as the bits
// of `bits` say, and write *target at the bottom: each bit pattern is a new
// call path, so a new stack to keep.
#ifndef WEFT_TEST_RANDOM_PATHS_H
#define WEFT_TEST_RANDOM_PATHS_H

#define NOINLINE __attribute__((noinline))

static __thread volatile int sink; // keeps the calls from being tail calls

NOINLINE static void down_b(unsigned bits, int depth, int *target);

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

#endif
