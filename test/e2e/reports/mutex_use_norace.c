// Twin of the mutex-misuse reports: correct lock/unlock/destroy, recursive
// and error-checking mutexes used as POSIX allows. Silent in every schedule.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 30 --seed 9 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: weft test: 30 schedules, 0 failed

#include <pthread.h>

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_t rec, chk, plain;
  pthread_mutex_init(&rec, &attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&chk, &attr);
  pthread_mutex_init(&plain, 0);
  pthread_mutex_lock(&rec);
  pthread_mutex_lock(&rec);
  pthread_mutex_unlock(&rec);
  pthread_mutex_unlock(&rec);
  pthread_mutex_lock(&chk);
  int again = pthread_mutex_lock(&chk); // EDEADLK, not a hang
  pthread_mutex_unlock(&chk);
  pthread_mutex_unlock(&chk); // EPERM for error-checking mutexes: allowed
  pthread_mutex_lock(&plain);
  pthread_mutex_unlock(&plain);
  pthread_mutex_destroy(&plain);
  pthread_mutex_destroy(&chk);
  pthread_mutex_destroy(&rec);
  return again == 0;
}
// TSAN-DIFFERS: TSan reports the second unlock of an error-checking mutex; POSIX defines it (EPERM), so weft leaves it to the program.
