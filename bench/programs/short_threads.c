// short_threads.c: the main thread starts thousands of short-lived threads
// in waves of four and joins each wave before starting the next. Every
// thread hashes a small private buffer (a few microseconds of work) and adds
// its result to a shared mutex-protected total. Stands for thread-per-task
// code (a thread per request or per job): it measures thread creation, start,
// exit and join, and the per-thread setup and teardown a tool adds.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// Work size: waves of threads.
#define SCALE 1
enum { Waves = 2500 * SCALE, PerWave = 4 };
enum { BufWords = 256, Passes = 8 };

static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t total;         // under total_lock
static unsigned threads_done;  // under total_lock

static void *task(void *arg) {
  uint64_t seed = (uint64_t)(uintptr_t)arg;
  uint64_t buf[BufWords]; // private to this thread
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (unsigned i = 0; i < BufWords; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    buf[i] = x;
  }
  uint64_t h = seed;
  for (unsigned p = 0; p < Passes; ++p)
    for (unsigned i = 0; i < BufWords; ++i)
      h = (h ^ buf[i] ^ p) * 0x100000001B3ull;
  pthread_mutex_lock(&total_lock);
  total += h; // a sum: independent of the order the threads finish in
  ++threads_done;
  pthread_mutex_unlock(&total_lock);
  return (void *)(uintptr_t)(h & 1);
}

int main(void) {
  uint64_t odd = 0;
  for (unsigned w = 0; w < Waves; ++w) {
    pthread_t th[PerWave];
    for (unsigned i = 0; i < PerWave; ++i)
      if (pthread_create(&th[i], NULL, task, (void *)(uintptr_t)(w * PerWave + i)) != 0) {
        fprintf(stderr, "short_threads: pthread_create failed\n");
        return 1;
      }
    for (unsigned i = 0; i < PerWave; ++i) {
      void *r;
      pthread_join(th[i], &r);
      odd += (uintptr_t)r;
    }
  }
  printf("short_threads: threads=%u odd=%llu total=%016llx\n", threads_done,
         (unsigned long long)odd, (unsigned long long)total);
  return threads_done == Waves * PerWave ? 0 : 1;
}
