// Twin of elided_across_blocks_race.c: the reader runs after bump() has
// finished (joined), so the write that stands for the skipped read is
// ordered before it.
// RUN: %weft cc -race -g -O2 %s -o %t
// RUN: %weft test -n 50 --seed 3 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

int shared;
volatile int which;

__attribute__((noinline)) static int twice(int v) { return 2 * v + 1; }

static void *bump(void *arg) {
  int v = shared;
  if (which)
    shared = twice(v);
  else
    shared = v + 1;
  return 0;
}

static void *peek(void *arg) { return (void *)(long)*(volatile int *)&shared; }

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, bump, 0);
  pthread_join(a, 0);
  pthread_create(&b, 0, peek, 0);
  pthread_join(b, 0);
  return 0;
}
