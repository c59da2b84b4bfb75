// A thread that locks a mutex again, after it released it last, has nothing
// to acquire (weft skips the clock join) unless another thread took the
// mutex in between: then it must see that thread's writes. Every access is
// under the lock, with many re-locks by one thread and hand-overs between
// the two, a condition-variable wait among them (it releases and re-takes
// the mutex). Silent in every schedule.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 21 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
int counter, message, ready; // under m

static void *writer(void *arg) {
  for (int i = 0; i < 20; i++) {
    pthread_mutex_lock(&m);
    counter++;
    pthread_mutex_unlock(&m);
  }
  pthread_mutex_lock(&m);
  message = 42;
  ready = 1;
  pthread_cond_signal(&c);
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, writer, 0);
  for (int i = 0; i < 20; i++) {
    pthread_mutex_lock(&m);
    counter++;
    pthread_mutex_unlock(&m);
  }
  pthread_mutex_lock(&m);
  while (!ready)
    pthread_cond_wait(&c, &m);
  int seen = message + counter;
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return seen == 0;
}
