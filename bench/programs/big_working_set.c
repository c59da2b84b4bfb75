// big_working_set.c: a 256 MiB table, filled once by the main thread, then
// read by three threads: sequential scans of their own third and random
// probes all over it, with a mutex-protected fold of each thread's result.
// Stands for in-memory indexes, caches and lookup tables: a working set far
// larger than the caches, mostly read, shared by threads that never write
// it. What it measures is the shadow's memory (peak RSS) and the traffic it
// adds to every cache miss.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// Work size: scans of each thread's third and random probes per thread.
// The knobs can be set with -D (docs/performance.md runs a small table
// with no probes, a pure stream, under cachegrind).
#ifndef SCALE
#define SCALE 1
#endif
#ifndef PROBES
#define PROBES (2000000 * SCALE)
#endif
#ifndef TABLE_WORDS
#define TABLE_WORDS (32u << 20) /* 2^25 words of 8 bytes: 256 MiB; a power of two */
#endif
enum { Threads = 3, Scans = 2 * SCALE, Probes = PROBES };

static uint64_t *table; // written by main before the threads start, then only read
static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t total; // protected by total_lock

static void *reader(void *arg) {
  unsigned id = (unsigned)(uintptr_t)arg;
  uint64_t acc = 0;
  // Sequential: this thread's third of the table, Scans times.
  size_t begin = (size_t)TABLE_WORDS / Threads * id;
  size_t end = (size_t)TABLE_WORDS / Threads * (id + 1);
  for (unsigned s = 0; s < Scans; ++s)
    for (size_t i = begin; i < end; ++i)
      acc += table[i] ^ (acc >> 17);
  // Random: probes anywhere, each following one link.
  uint64_t x = 0x9E3779B97F4A7C15ull * (id + 1);
  for (unsigned p = 0; p < Probes; ++p) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17; // xorshift64
    uint64_t v = table[x & (TABLE_WORDS - 1)];
    acc += table[v & (TABLE_WORDS - 1)] * 0xBF58476D1CE4E5B9ull;
  }
  pthread_mutex_lock(&total_lock);
  total += acc;
  pthread_mutex_unlock(&total_lock);
  return NULL;
}

int main(void) {
  table = malloc((size_t)TABLE_WORDS * sizeof(uint64_t));
  if (!table)
    return 1;
  uint64_t x = 0x2545F4914F6CDD1Dull;
  for (size_t i = 0; i < TABLE_WORDS; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    table[i] = x;
  }
  pthread_t th[Threads];
  for (unsigned i = 0; i < Threads; ++i)
    if (pthread_create(&th[i], NULL, reader, (void *)(uintptr_t)i))
      return 1;
  for (unsigned i = 0; i < Threads; ++i)
    pthread_join(th[i], NULL);
  free(table);
  printf("big_working_set: total=%016llx\n", (unsigned long long)total);
  return 0;
}
