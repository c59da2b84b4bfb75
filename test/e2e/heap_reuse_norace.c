// Memory freed by one thread and handed out again by malloc to another is a
// new object: its shadow is reset, so the old accesses do not race with the
// new owner's (no synchronization connects the two threads).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 9 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <stdlib.h>

static void *churn(void *arg) {
  for (int i = 0; i < 200; i++) {
    volatile int *p = malloc(64);
    for (int j = 0; j < 16; j++)
      p[j] = j;
    free((void *)p);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, churn, NULL);
  pthread_create(&b, NULL, churn, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
