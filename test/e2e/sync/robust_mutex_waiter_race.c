// The twin of robust_mutex_waiter_norace.c: the state is written by a
// thread that never takes the mutex, so the recoverer's update races.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'state'

#include <errno.h>
#include <pthread.h>

static pthread_mutex_t m;
int state;

static void *dies_holding(void *arg) {
  pthread_mutex_lock(&m);
  return 0;
}

static void *bystander(void *arg) {
  state = 7; // not under the mutex
  return 0;
}

static void *recoverer(void *arg) {
  if (pthread_mutex_lock(&m) == EOWNERDEAD)
    pthread_mutex_consistent(&m);
  state += 1;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t a, b, c;
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&m, &attr);
  pthread_create(&a, 0, dies_holding, 0);
  pthread_create(&c, 0, bystander, 0);
  pthread_create(&b, 0, recoverer, 0);
  pthread_join(b, 0);
  pthread_join(a, 0);
  pthread_join(c, 0);
  return 0;
}
