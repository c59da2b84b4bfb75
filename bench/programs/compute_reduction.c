// compute_reduction.c: two threads each reduce their own private array; the
// only shared write is one mutex-protected add of each partial result at the
// end. Stands for data-parallel number crunching (little sharing, lots of
// plain loads/stores): it measures the per-access cost of instrumentation.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// Work size: elements per thread and passes over them.
#define SCALE 1
enum { Threads = 2, Elems = 1 << 16, Passes = 4000 * SCALE };

static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t total; // protected by total_lock

typedef struct {
  unsigned id;
  uint64_t *data; // private to the thread
} Task;

static void *worker(void *arg) {
  Task *t = arg;
  uint64_t x = 0x9E3779B97F4A7C15ull * (t->id + 1);
  for (unsigned i = 0; i < Elems; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17; // xorshift64
    t->data[i] = x;
  }
  uint64_t acc = 0;
  for (unsigned p = 0; p < Passes; ++p) {
    for (unsigned i = 0; i < Elems; ++i) {
      uint64_t v = t->data[i];
      acc += (v ^ (v >> 29)) * 0xBF58476D1CE4E5B9ull + p;
      t->data[i] = v + acc; // keep the loop a read-modify-write sweep
    }
  }
  pthread_mutex_lock(&total_lock);
  total += acc;
  pthread_mutex_unlock(&total_lock);
  return NULL;
}

int main(void) {
  pthread_t th[Threads];
  Task tasks[Threads];
  for (unsigned i = 0; i < Threads; ++i) {
    tasks[i].id = i;
    tasks[i].data = malloc(Elems * sizeof(uint64_t));
    if (!tasks[i].data)
      return 1;
    pthread_create(&th[i], NULL, worker, &tasks[i]);
  }
  for (unsigned i = 0; i < Threads; ++i)
    pthread_join(th[i], NULL);
  for (unsigned i = 0; i < Threads; ++i)
    free(tasks[i].data);
  printf("compute_reduction: total=%016llx\n", (unsigned long long)total);
  return 0;
}
