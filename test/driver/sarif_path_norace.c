// The race-free twin of sarif_path_race.c: a run that reports nothing
// writes no SARIF, and removes the file an earlier run left, so that the
// file exists only when this run reported.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %weft cc -race -g -O1 %s -o %t/prog
// RUN: echo stale > %t/run.sarif
// RUN: env WEFT_SEED=0x2a WEFT_OPTIONS=sarif_path=%t/run.sarif %t/prog 2>&1 | FileCheck %s
// RUN: not ls %t/run.sarif
// CHECK-NOT: weft
// CHECK: counter = 200
#include <pthread.h>
#include <stdio.h>

static long counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
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
