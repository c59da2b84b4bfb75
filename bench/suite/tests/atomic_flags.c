// Four threads claim work items by atomic fetch-add and publish results
// with release stores; the main thread reads them with acquire loads.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { Threads = 4, Items = 400000 };
static atomic_long next_item;
static long result[Items];
static atomic_char done[Items];

static void *worker(void *arg) {
  (void)arg;
  for (;;) {
    long i = atomic_fetch_add_explicit(&next_item, 1, memory_order_relaxed);
    if (i >= Items) return 0;
    result[i] = i * 3 + 1;
    atomic_store_explicit(&done[i], 1, memory_order_release);
  }
}

int main(void) {
  pthread_t t[Threads];
  for (int i = 0; i < Threads; i++) pthread_create(&t[i], 0, worker, 0);
  long sum = 0, seen = 0;
  for (long i = 0; i < Items; i++) {
    while (!atomic_load_explicit(&done[i], memory_order_acquire)) {
    }
    sum += result[i];
    seen++;
  }
  for (int i = 0; i < Threads; i++) pthread_join(t[i], 0);
  long want = 3 * ((long)Items * (Items - 1) / 2) + Items;
  if (seen != Items || sum != want) {
    fprintf(stderr, "sum %ld, want %ld\n", sum, want);
    return 1;
  }
  return 0;
}
