// Twin of atomic_message_passing_norace.c with relaxed orders: the flag
// carries no happens-before, so the plain accesses to data race.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=11 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'data'

#include <pthread.h>
#include <stdatomic.h>

int data;
static atomic_int ready;

static void *producer(void *arg) {
  data = 42;
  atomic_store_explicit(&ready, 1, memory_order_relaxed);
  return 0;
}

static void *consumer(void *arg) {
  while (!atomic_load_explicit(&ready, memory_order_relaxed))
    ;
  return (void *)(long)(data != 42);
}

int main(void) {
  pthread_t p, c;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&p, 0, producer, 0);
  pthread_join(p, 0);
  pthread_join(c, 0);
  return 0;
}
