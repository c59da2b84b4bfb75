// A run with racy sites sends every inline-checked access to the runtime
// (its countdown stays at 1 and the scheduler counts the quantum:
// Scheduler::setEveryAccessToRuntime), so that a racy site makes its point
// even where the fast path would have found the access recorded. When none
// of the sites is reached, the run must be the very same schedule as one
// without them: the same quantum points, steps, hand-offs and output.
// RUN: %weft-cc %s -o %t
// RUN: echo 'no_such_module+0x10' > %t.sites
// RUN: env WEFT_SEED=7 WEFT_OPTIONS="print_stats=1 quantum=50 schedule_out=%t.plain" %t > %t.plain.out 2>&1
// RUN: env WEFT_SEED=7 WEFT_OPTIONS="print_stats=1 quantum=50 schedule_out=%t.directed racy_sites=%t.sites" %t > %t.directed.out 2>&1
// RUN: diff %t.plain.out %t.directed.out
// RUN: grep -v '^racy_sites' %t.directed | diff %t.plain -
// RUN: FileCheck %s < %t.plain.out
// CHECK: total 40000
// CHECK: weft: stats: steps={{[1-9][0-9]*}} hand-offs={{[1-9][0-9]*}}
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total;
static long scratch[4][64];

static void *work(void *arg) {
  long *mine = scratch[(long)arg];
  for (int i = 0; i < 10000; i++) {
    mine[i % 64] += i; // many plain accesses: quantum points fall among them
    pthread_mutex_lock(&lock);
    total++;
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], 0, work, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  printf("total %ld\n", total);
  return 0;
}
