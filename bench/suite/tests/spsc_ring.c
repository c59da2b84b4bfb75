// A single-producer single-consumer ring on C11 atomics (acquire/release
// indices); the consumer checks every value arrives in order.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { Size = 1024, Items = 200000 };
static long slots[Size];
static atomic_ulong head, tail; // head: next to read; tail: next to write

static void *producer(void *arg) {
  (void)arg;
  for (unsigned long i = 0; i < Items; i++) {
    unsigned long t = atomic_load_explicit(&tail, memory_order_relaxed);
    while (t - atomic_load_explicit(&head, memory_order_acquire) == Size) {
    }
    slots[t % Size] = (long)i * 7;
    atomic_store_explicit(&tail, t + 1, memory_order_release);
  }
  return 0;
}

int main(void) {
  pthread_t p;
  pthread_create(&p, 0, producer, 0);
  long bad = 0;
  for (unsigned long i = 0; i < Items; i++) {
    unsigned long h = atomic_load_explicit(&head, memory_order_relaxed);
    while (atomic_load_explicit(&tail, memory_order_acquire) == h) {
    }
    bad += slots[h % Size] != (long)i * 7;
    atomic_store_explicit(&head, h + 1, memory_order_release);
  }
  pthread_join(p, 0);
  if (bad) {
    fprintf(stderr, "%ld values out of order\n", bad);
    return 1;
  }
  return 0;
}
