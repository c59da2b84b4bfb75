// A race on another thread's thread-local variable names its location as
// that thread's TLS.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s

#include <pthread.h>
#include <unistd.h>

__thread int counter;
int *volatile published;

static void *worker(void *arg) {
  published = &counter;
  counter = 1;
  sleep(2);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  while (!published)
    sleep(1);
  *published = 2;
  pthread_join(t, 0);
  return 0;
}

// CHECK: WARNING: weft: data race
// CHECK: Location is TLS of thread T1.
