// counter.c: the smallest data race. Two threads each add 1 to a shared
// counter 1000 times with no synchronization. `counter++` is a load, an add and
// a store; when the threads interleave between the load and the store, an
// increment is lost, so the total is often less than 2000.
//
//   weft run -race examples/counter.c
//
// reports the race (both accesses, with their stacks), prints the seed that
// replays it, and exits 66. counter_mutex.c is the fixed twin.
#include <pthread.h>
#include <stdio.h>

enum { Increments = 1000 };

static long counter; // shared by both threads, protected by nothing

static void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < Increments; ++i)
    counter++; // the racy read-modify-write
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter = %ld (expected %d)\n", counter, 2 * Increments);
  return 0;
}
