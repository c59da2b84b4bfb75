// print_stats=1 prints, at exit, how many scheduling points the run took and
// how often the baton went from one thread to another. Two threads that
// strictly alternate 100 times each (spinning with sched_yield on a turn
// variable) need at least 200 hand-offs.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=print_stats=1 %t 2>&1 | FileCheck %s
// CHECK: rounds: 100
// CHECK-NEXT: weft: stats: steps={{[0-9]+}} hand-offs={{[2-9][0-9][0-9]|[0-9][0-9][0-9][0-9]+}} threads=2
// Without the option, nothing is printed.
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --check-prefix=QUIET --implicit-check-not=stats
// QUIET: rounds: 100

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

enum { Rounds = 100 };
static atomic_int turn;

static void play(int me) {
  for (int i = 0; i < Rounds; ++i) {
    while (atomic_load(&turn) != me)
      sched_yield();
    atomic_store(&turn, 1 - me);
  }
}

static void *other(void *arg) {
  play(1);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, other, 0);
  play(0);
  pthread_join(t, 0);
  printf("rounds: %d\n", Rounds);
  return 0;
}
