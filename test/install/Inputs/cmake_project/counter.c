// Two threads increment a counter, racing unless built with -DLOCKED. The
// optional argument is the number of increments per thread.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef LOCKED
#include <weft/annotations.h>
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#endif

static long counter;
static int increments = 100;

static void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < increments; ++i) {
#ifdef LOCKED
    pthread_mutex_lock(&lock);
#endif
    counter++;
#ifdef LOCKED
    pthread_mutex_unlock(&lock);
#endif
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1)
    increments = atoi(argv[1]);
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter = %ld\n", counter);
  return 0;
}
