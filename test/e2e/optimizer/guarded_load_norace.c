// A read the program makes only when a condition holds, with the condition
// false at run time: the optimizer must not execute the read ahead of its
// branch (SimplifyCFG turns the `if` into a select of a hoisted load, LICM
// moves it out of the loop), or weft checks a read that never happens and
// reports a race with the writer. The plugin marks functions sanitize_thread,
// as clang does under -fsanitize=thread (instrumentation/NoSpeculativeLoads.h,
// test/instrumentation/no_speculative_loads.c), at every -O level.
// RUN: %weft-cc -O1 %s -o %t1
// RUN: env WEFT_SEED=0x15 %t1 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft-cc -O2 %s -o %t2
// RUN: env WEFT_SEED=0x15 %t2 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft-cc -O3 %s -o %t3
// RUN: env WEFT_SEED=0x15 %t3 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=0x2 %t3 2>&1 | FileCheck %s --implicit-check-not=WARNING

#include <pthread.h>
#include <stdio.h>

int shared; // written by the writer thread, never read by this run

__attribute__((noinline)) int pick(int read_it) {
  int r = 0;
  if (read_it)
    r = shared;
  return r;
}

__attribute__((noinline)) int sum_flagged(const int *flags, int n) {
  int sum = 0;
  for (int i = 0; i < n; i++)
    if (flags[i])
      sum += shared;
  return sum;
}

static void *writer(void *arg) {
  shared = 42;
  return NULL;
}

int main(int argc, char **argv) {
  int read_it = argc > 1; // no argument: false, unknown to the optimizer
  int flags[16] = {0};
  for (int i = 0; i < 16; i++)
    flags[i] = read_it;
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  int r = pick(read_it) + sum_flagged(flags, 16);
  pthread_join(t, NULL);
  printf("r = %d\n", r);
  return 0;
}

// CHECK: r = 0
