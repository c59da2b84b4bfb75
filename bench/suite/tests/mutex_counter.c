// Eight threads add to one counter under a mutex; the total must be exact.
#include <pthread.h>
#include <stdio.h>

enum { Threads = 8, Adds = 200000 };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *adder(void *arg) {
  (void)arg;
  for (int i = 0; i < Adds; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

int main(void) {
  pthread_t t[Threads];
  for (int i = 0; i < Threads; i++) pthread_create(&t[i], 0, adder, 0);
  for (int i = 0; i < Threads; i++) pthread_join(t[i], 0);
  if (counter != (long)Threads * Adds) {
    fprintf(stderr, "counter %ld, want %ld\n", counter, (long)Threads * Adds);
    return 1;
  }
  return 0;
}
