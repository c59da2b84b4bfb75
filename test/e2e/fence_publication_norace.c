// Publication through standalone fences and relaxed atomics (C11 7.17.4):
// release fence before the relaxed store, acquire fence after the relaxed
// load that saw it. Correct, so silent (ThreadSanitizer reports a false race
// here because it ignores standalone fences).
// TSAN-DIFFERS: TSan ignores standalone fences (atomic_thread_fence) and reports this fence-based publication as a race; weft models fences exactly.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 100 --seed 12 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 100 schedules, 0 failed

#include <pthread.h>
#include <stdatomic.h>

static int data;
static atomic_int ready;

static void *producer(void *arg) {
  data = 42;
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&ready, 1, memory_order_relaxed);
  return 0;
}

static void *consumer(void *arg) {
  while (!atomic_load_explicit(&ready, memory_order_relaxed))
    ;
  atomic_thread_fence(memory_order_acquire);
  return (void *)(long)(data != 42);
}

int main(void) {
  pthread_t p, c;
  void *bad;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&p, 0, producer, 0);
  pthread_join(p, 0);
  pthread_join(c, &bad);
  return bad != 0;
}
