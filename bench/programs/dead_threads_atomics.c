// dead_threads_atomics.c: the main thread creates and joins K threads one
// after another, then does 100,000 release stores and acquire loads, each on
// an atomic of its own. Stands for a long-lived test process (a unit-test
// binary that runs many tests, each starting a few threads) whose later work
// synchronizes on many distinct locations: under a tool whose vector clocks
// grow with every thread ever created, each of those locations carries a
// clock as long as the number of dead threads. Peak RSS should not depend on
// K. K is the first argument (default 4,000).
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// Work size: atomics touched after the threads are gone.
#define SCALE 1
enum { Atomics = 100000 * SCALE, DefaultThreads = 4000 };

static _Atomic uint64_t cells[Atomics];

static void *task(void *arg) { return (void *)((uintptr_t)arg * 2 + 1); }

int main(int argc, char **argv) {
  long k = argc > 1 ? strtol(argv[1], NULL, 10) : DefaultThreads;
  if (k < 0) {
    fprintf(stderr, "usage: %s [threads]\n", argv[0]);
    return 2;
  }
  uint64_t sum = 0;
  for (long i = 0; i < k; ++i) {
    pthread_t t;
    void *ret;
    if (pthread_create(&t, NULL, task, (void *)(uintptr_t)i) != 0) {
      perror("pthread_create");
      return 1;
    }
    pthread_join(t, &ret);
    sum += (uintptr_t)ret;
  }
  for (unsigned i = 0; i < Atomics; ++i)
    atomic_store_explicit(&cells[i], i + 1, memory_order_release);
  for (unsigned i = 0; i < Atomics; ++i)
    sum += atomic_load_explicit(&cells[i], memory_order_acquire);
  printf("threads %ld checksum %llu\n", k, (unsigned long long)sum);
  return 0;
}
