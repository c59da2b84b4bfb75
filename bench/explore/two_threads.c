// two_threads.c: the small program bench/run explores with `weft test` to
// measure exploration throughput (schedules per second). Two threads each
// add to a mutex-protected counter a few times; main checks the total. It
// is race-free and passes under every schedule, so every execution runs to
// the end and the figure is the cost of a whole execution: process start,
// runtime setup, a handful of scheduling points, exit.
#include <pthread.h>
#include <stdio.h>

enum { Increments = 5 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter; // under lock

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < Increments; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  if (counter != 2 * Increments) {
    fprintf(stderr, "two_threads: counter=%d, expected %d\n", counter, 2 * Increments);
    return 1;
  }
  return 0;
}
