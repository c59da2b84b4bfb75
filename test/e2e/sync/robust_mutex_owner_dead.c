// A robust mutex whose owner exits while holding it: the next locker gets
// EOWNERDEAD and owns it, sees what the dead owner wrote, makes it
// consistent, and the mutex works as before. Unlocking without
// pthread_mutex_consistent makes it ENOTRECOVERABLE.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 7 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <errno.h>
#include <pthread.h>

static pthread_mutex_t a, b;
static int state;

static void *dies_holding(void *arg) {
  pthread_mutex_lock((pthread_mutex_t *)arg);
  state = 7; // written by the dead owner, read by the recoverer
  return 0;  // exits without unlocking
}

static void init_robust(pthread_mutex_t *m) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(m, &attr);
  pthread_mutexattr_destroy(&attr);
}

int main(void) {
  pthread_t t;
  init_robust(&a);
  init_robust(&b);

  pthread_create(&t, 0, dies_holding, &a);
  pthread_join(t, 0);
  if (pthread_mutex_lock(&a) != EOWNERDEAD || state != 7)
    return 1;
  state = 0;
  if (pthread_mutex_consistent(&a) != 0)
    return 2;
  pthread_mutex_unlock(&a);
  if (pthread_mutex_trylock(&a) != 0)
    return 3;
  pthread_mutex_unlock(&a);

  pthread_create(&t, 0, dies_holding, &b);
  pthread_join(t, 0);
  if (pthread_mutex_trylock(&b) != EOWNERDEAD)
    return 4;
  pthread_mutex_unlock(&b); // not made consistent
  return pthread_mutex_lock(&b) == ENOTRECOVERABLE ? 0 : 5;
}
