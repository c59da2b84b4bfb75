// A clock-timed rwlock wait on a lock that stays write-held times out with
// ETIMEDOUT in virtual time.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t | FileCheck %s
// CHECK: rd=ETIMEDOUT wr=ETIMEDOUT
// TSAN-DIFFERS: The timeouts are real under TSan (the run outlasts the comparison's time limit); under weft time is virtual.

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;

static void *try_both(void *arg) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  ts.tv_sec += 60;
  int rd = pthread_rwlock_clockrdlock(&lock, CLOCK_MONOTONIC, &ts);
  int wr = pthread_rwlock_clockwrlock(&lock, CLOCK_MONOTONIC, &ts);
  printf("rd=%s wr=%s\n", rd == ETIMEDOUT ? "ETIMEDOUT" : "?", wr == ETIMEDOUT ? "ETIMEDOUT" : "?");
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_rwlock_wrlock(&lock);
  pthread_create(&t, 0, try_both, 0);
  pthread_join(t, 0);
  pthread_rwlock_unlock(&lock);
  return 0;
}
