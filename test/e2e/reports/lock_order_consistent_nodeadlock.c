// Threads that always take nested mutexes (and rwlocks) in one global order
// build an acyclic lock-order graph: nothing is reported in any schedule.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 11 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t c = PTHREAD_RWLOCK_INITIALIZER;
int shared;

static void *worker(void *arg) {
  for (int i = 0; i < 3; i++) {
    pthread_mutex_lock(&a);
    if (i & 1)
      pthread_rwlock_rdlock(&c);
    else
      pthread_rwlock_wrlock(&c);
    pthread_mutex_lock(&b);
    shared++;
    pthread_mutex_unlock(&b);
    pthread_rwlock_unlock(&c);
    pthread_mutex_unlock(&a);
    pthread_mutex_lock(&b); // b alone: no ordering
    pthread_mutex_unlock(&b);
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
