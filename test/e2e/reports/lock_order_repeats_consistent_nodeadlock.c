// Twin of lock_order_after_repeats.c: both threads take nested mutexes in
// one global order (a, then c, then b), many times, with held sets that
// change between rounds; the graph stays acyclic in every schedule.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 13 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER,
                c = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  for (int i = 0; i < 20; i++) {
    pthread_mutex_lock(&a);
    if (i % 3 == 0)
      pthread_mutex_lock(&c);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    if (i % 3 == 0)
      pthread_mutex_unlock(&c);
    pthread_mutex_unlock(&a);
    pthread_mutex_lock(&c);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&c);
  }
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, worker, 0);
  pthread_create(&y, 0, worker, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
