// flag_queue_tests.c: a unit-test binary's shape (moodycamel's
// ConcurrentQueue runs 46 tests in one process): a first "test" runs 48
// threads at once and joins them, so the main thread's clock knows 48
// threads; each later "test" builds a queue of 256 Ki slots in blocks of 32,
// each slot with a one-byte flag beside its 31 neighbours' (as the queue's
// per-block emptyFlags), which a producer release-stores once after writing
// the slot and a consumer acquire-loads before reading it; then frees the
// queue. Every flag is a sync location of its own whose clock is the
// producer's (48 entries, from the main thread): memory follows the sync
// objects of the queue alive now, not those of every earlier queue, nor
// the clock sizes doubled (docs/performance.md, "A lock-free queue's unit
// tests").
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// Work size: slots per queue.
#define SCALE 1
enum { Slots = 262144 * SCALE, PerBlock = 32, Blocks = Slots / PerBlock };
enum { Tests = 4, WideThreads = 48, Producers = 2, Consumers = 2 };

struct block {
  atomic_bool full[PerBlock];
  uint64_t value[PerBlock];
};

static struct block *queue;
static atomic_ulong wide_total;

static void *wide(void *arg) {
  for (int i = 0; i < 1000; ++i)
    atomic_fetch_add_explicit(&wide_total, (uintptr_t)arg + 1, memory_order_relaxed);
  return NULL;
}

static void *produce(void *arg) {
  uintptr_t p = (uintptr_t)arg;
  for (unsigned b = p; b < Blocks; b += Producers)
    for (unsigned i = 0; i < PerBlock; ++i) {
      queue[b].value[i] = (uint64_t)b * PerBlock + i + 1;
      atomic_store_explicit(&queue[b].full[i], 1, memory_order_release);
    }
  return NULL;
}

static void *consume(void *arg) {
  uintptr_t c = (uintptr_t)arg;
  uint64_t sum = 0;
  for (unsigned b = c; b < Blocks; b += Consumers)
    for (unsigned i = 0; i < PerBlock; ++i) {
      while (!atomic_load_explicit(&queue[b].full[i], memory_order_acquire))
        sched_yield();
      sum += queue[b].value[i];
    }
  return (void *)(uintptr_t)sum;
}

static void run(pthread_t *t, void *(*fn)(void *), uintptr_t arg) {
  if (pthread_create(t, NULL, fn, (void *)arg) != 0) {
    perror("pthread_create");
    exit(1);
  }
}

int main(void) {
  pthread_t t[WideThreads];
  for (uintptr_t i = 0; i < WideThreads; ++i)
    run(&t[i], wide, i);
  for (int i = 0; i < WideThreads; ++i)
    pthread_join(t[i], NULL);

  uint64_t total = 0;
  for (int test = 0; test < Tests; ++test) {
    queue = calloc(Blocks, sizeof(struct block));
    if (!queue) {
      perror("calloc");
      return 1;
    }
    pthread_t prod[Producers], cons[Consumers];
    for (uintptr_t i = 0; i < Producers; ++i)
      run(&prod[i], produce, i);
    for (uintptr_t i = 0; i < Consumers; ++i)
      run(&cons[i], consume, i);
    for (int i = 0; i < Producers; ++i)
      pthread_join(prod[i], NULL);
    for (int i = 0; i < Consumers; ++i) {
      void *sum;
      pthread_join(cons[i], &sum);
      total += (uintptr_t)sum;
    }
    free(queue);
  }
  uint64_t expect = (uint64_t)Tests * Slots * (Slots + 1) / 2;
  printf("flag_queue_tests: wide %lu, total %llu%s\n", (unsigned long)wide_total,
         (unsigned long long)total, total == expect ? "" : " (WRONG)");
  return total == expect ? 0 : 1;
}
