// A thread writes a variable on the main thread's stack while main reads it:
// the location is the main thread's stack.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is stack of main thread.

#include <pthread.h>

static void *worker(void *p) {
  *(int *)p = 1;
  return NULL;
}

int main(void) {
  int local = 0;
  pthread_t t;
  pthread_create(&t, NULL, worker, &local);
  int seen = *(volatile int *)&local;
  pthread_join(t, NULL);
  return seen * 0;
}
