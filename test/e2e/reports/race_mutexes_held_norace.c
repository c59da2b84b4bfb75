// Twin of race_mutexes_held.c: both sides take the same mutex (and another
// one each), so the accesses are ordered in every schedule.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 5 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t common = PTHREAD_MUTEX_INITIALIZER;
int shared;

static void *worker(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&common);
  shared = 1;
  pthread_mutex_unlock(&common);
  pthread_mutex_unlock(&a);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&common);
  shared = 2;
  pthread_mutex_unlock(&common);
  pthread_mutex_unlock(&b);
  pthread_join(t, 0);
  return 0;
}
