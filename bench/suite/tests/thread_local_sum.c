// Each thread sums into a thread-local accumulator and hands it to main
// through pthread_join; no shared state is written while threads run.
#include <pthread.h>
#include <stdio.h>

enum { Threads = 6, Terms = 2000000 };
static __thread long partial;

static void *sum_terms(void *arg) {
  long id = (long)arg;
  for (long i = id; i < Terms; i += Threads) partial += i % 1000;
  return (void *)partial;
}

int main(void) {
  pthread_t t[Threads];
  for (long i = 0; i < Threads; i++) pthread_create(&t[i], 0, sum_terms, (void *)i);
  long total = 0;
  for (int i = 0; i < Threads; i++) {
    void *r;
    pthread_join(t[i], &r);
    total += (long)r;
  }
  long want = 0;
  for (long i = 0; i < Terms; i++) want += i % 1000;
  if (total != want || partial != 0) {
    fprintf(stderr, "total %ld, want %ld\n", total, want);
    return 1;
  }
  return 0;
}
