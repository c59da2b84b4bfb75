// Vector clocks are sized by the threads alive at once, not by all threads
// of the run (docs/design.md, "Clock slots"): 100 threads created and joined
// one after another all run on one clock slot besides main's. Detached
// threads whose end nobody synchronizes with keep their slots: the first
// takes the joined threads' free slot (main joined its last owner), each
// later one opens a new slot.
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=print_stats=1 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 WEFT_OPTIONS=print_stats=1 %t 2>&1 | FileCheck %s
// CHECK: sum 5050
// CHECK: weft: stats: {{.*}} threads=111 clock-slots=11 slot-reuses=100
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

static void *task(void *arg) { return (void *)((uintptr_t)arg + 1); }

int main(void) {
  uintptr_t sum = 0;
  for (uintptr_t i = 0; i < 100; ++i) {
    pthread_t t;
    void *ret;
    pthread_create(&t, NULL, task, (void *)i);
    pthread_join(t, &ret);
    sum += (uintptr_t)ret;
  }
  for (int i = 0; i < 10; ++i) {
    pthread_t t;
    pthread_create(&t, NULL, task, NULL);
    pthread_detach(t);
  }
  sleep(1); // virtual time: the detached threads end meanwhile
  printf("sum %lu\n", (unsigned long)sum);
  return 0;
}
