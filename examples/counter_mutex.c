// counter_mutex.c: counter.c without the race. Each increment happens with
// the mutex held, so the two threads' increments are ordered (unlock
// happens-before the next lock) and none is lost: the total is always 2000.
//
//   weft run -race examples/counter_mutex.c     # silent, exits 0
#include <pthread.h>
#include <stdio.h>

enum { Increments = 1000 };

static long counter; // shared, protected by lock
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < Increments; ++i) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter = %ld\n", counter);
  return 0;
}
