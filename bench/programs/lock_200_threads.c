// lock_200_threads.c: 200 threads each do 1,000 increments of one shared
// counter, each under one mutex. Stands for lock-heavy code with many
// threads (a server's worker pool around one table): almost nothing but
// lock and unlock, so under weft almost nothing but scheduling points and,
// when a thread finds the lock taken, hand-offs. bench/run also explores it
// with `weft test -j 2` (each schedule there is ~200,000 hand-offs).
#include <pthread.h>
#include <stdio.h>

// Work size: increments per thread.
#define SCALE 1
enum { Threads = 200, Increments = 1000 * SCALE };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long counter; // under lock

static void *worker(void *arg) {
  (void)arg;
  for (unsigned i = 0; i < Increments; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t t[Threads];
  for (unsigned i = 0; i < Threads; ++i)
    if (pthread_create(&t[i], NULL, worker, NULL) != 0)
      return 2;
  for (unsigned i = 0; i < Threads; ++i)
    pthread_join(t[i], NULL);
  printf("lock_200_threads: counter=%lu\n", counter);
  return counter == (unsigned long)Threads * Increments ? 0 : 1;
}
