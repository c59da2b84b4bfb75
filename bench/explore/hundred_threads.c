// hundred_threads.c: a many-threaded program that bench/run explores with
// `weft test` to measure how the cost of a schedule grows with the thread
// count (issue 12 item 4). main starts 100 threads at once; each takes a
// mutex twice to add to a shared total and bumps an atomic counter, so
// every thread stays runnable alongside the others and each schedule has a
// few hundred scheduling points among up to 101 threads. main joins them
// all and checks the total. Race-free; passes under every schedule, so the
// figure is the cost of whole executions.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { Threads = 100, Rounds = 2 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total; // under lock
static atomic_int arrived;

static void *worker(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < Rounds; ++i) {
    pthread_mutex_lock(&lock);
    total += id;
    pthread_mutex_unlock(&lock);
  }
  atomic_fetch_add_explicit(&arrived, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t t[Threads];
  for (long i = 0; i < Threads; ++i)
    pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < Threads; ++i)
    pthread_join(t[i], NULL);
  long expected = (long)Rounds * Threads * (Threads - 1) / 2;
  if (total != expected || atomic_load(&arrived) != Threads) {
    fprintf(stderr, "hundred_threads: total=%ld, expected %ld\n", total, expected);
    return 1;
  }
  return 0;
}
