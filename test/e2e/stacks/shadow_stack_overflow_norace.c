// Twin of shadow_stack_overflow_race.c: the reads come after the join, so
// recursing deeper than the call-stack array reports nothing.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 11 -- %t

#include <pthread.h>

#define NOINLINE __attribute__((noinline))

static volatile int deep_shared, top_shared;
static __thread volatile int sink; // keeps the calls from being tail calls

NOINLINE static void deep_write(int depth) {
  if (depth == 0) {
    deep_shared = 1;
    return;
  }
  deep_write(depth - 1);
  sink++;
}

NOINLINE static void top_write(void) { top_shared = 1; }

static void *worker(void *arg) {
  deep_write(70000);
  top_write();
  return 0;
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 << 20);
  pthread_t t;
  pthread_create(&t, &attr, worker, 0);
  pthread_join(t, 0);
  sink = deep_shared + top_shared;
  return 0;
}

