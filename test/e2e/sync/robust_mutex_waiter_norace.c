// A thread blocked on a robust mutex wakes with EOWNERDEAD when the owner
// exits, and the dead owner's writes happen before the recovery (no join
// orders them here: only the mutex does).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 8 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed
// TSAN-DIFFERS: TSan gives no happens-before from a robust mutex's dead owner to the thread whose lock returns EOWNERDEAD, so it reports a false race; weft does.

#include <errno.h>
#include <pthread.h>

static pthread_mutex_t m;
static int state;

static void *dies_holding(void *arg) {
  pthread_mutex_lock(&m);
  state = 7;
  return 0;
}

static void *recoverer(void *arg) {
  int r = pthread_mutex_lock(&m);
  if (r == EOWNERDEAD) {
    state += 1;
    pthread_mutex_consistent(&m);
  } else if (r == 0) {
    state += 100; // the dying thread has not run yet
  }
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&m, &attr);
  pthread_create(&a, 0, dies_holding, 0);
  pthread_create(&b, 0, recoverer, 0);
  pthread_join(b, 0);
  pthread_join(a, 0);
  return 0;
}
