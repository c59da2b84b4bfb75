// The small two-thread test `weft test` exploration throughput is measured
// on (bench/throughput/run, docs/performance.md): two threads each lock,
// increment and unlock a shared counter 10 times. Race-free, so every
// schedule passes and the rate measures the runs, not report printing.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static int Counter;

static void *worker(void *Arg) {
  for (int I = 0; I < 10; ++I) {
    pthread_mutex_lock(&Lock);
    Counter++;
    pthread_mutex_unlock(&Lock);
  }
  return Arg;
}

int main(void) {
  pthread_t T1, T2;
  pthread_create(&T1, 0, worker, 0);
  pthread_create(&T2, 0, worker, 0);
  pthread_join(T1, 0);
  pthread_join(T2, 0);
  printf("%d\n", Counter);
  return Counter == 20 ? 0 : 1;
}
