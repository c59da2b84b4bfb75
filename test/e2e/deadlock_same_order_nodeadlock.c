// Twin of deadlock_lock_order.c: both threads take the mutexes in the same
// order, so no schedule deadlocks.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 200 --seed 13 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 200 schedules, 0 failed

#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

static void *ab(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, ab, 0);
  pthread_create(&y, 0, ab, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
