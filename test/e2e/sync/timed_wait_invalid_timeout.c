// Timed waits given a malformed timeout (tv_nsec outside [0, 1e9)) or a
// clock they do not take return EINVAL (C11's: thrd_error) as glibc's do,
// instead of waiting on a deadline computed from garbage: a condition
// variable and an rwlock check first; a mutex only when it would have to
// wait (a free one is taken whatever the timeout says). The same program
// natively prints the same lines.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: mutex free, bad timeout: 0
// CHECK-NEXT: mutex held, bad timeout: EINVAL
// CHECK-NEXT: mutex held, negative nsec: EINVAL
// CHECK-NEXT: mutex, bad clock: EINVAL
// CHECK-NEXT: cond, bad timeout: EINVAL (mutex still held: yes)
// CHECK-NEXT: cond, bad clock: EINVAL
// CHECK-NEXT: rwlock read, bad timeout: EINVAL
// CHECK-NEXT: rwlock write, bad timeout: EINVAL
// CHECK-NEXT: rwlock, bad clock: EINVAL
// CHECK-NEXT: cond, good timeout: ETIMEDOUT
// CHECK-NEXT: C11 mtx free, bad timeout: thrd_success
// CHECK-NEXT: C11 mtx held, bad timeout: thrd_error
// CHECK-NEXT: C11 cnd, bad timeout: thrd_error
// CHECK-NOT: WARNING: weft

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>
#include <time.h>

static const char *c11(int R) {
  return R == thrd_success ? "thrd_success" : R == thrd_error ? "thrd_error" : "other";
}

static const char *name(int R) {
  return R == 0 ? "0" : R == EINVAL ? "EINVAL" : R == ETIMEDOUT ? "ETIMEDOUT" : strerror(R);
}

int main(void) {
  pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
  pthread_cond_t C = PTHREAD_COND_INITIALIZER;
  pthread_rwlock_t L = PTHREAD_RWLOCK_INITIALIZER;
  struct timespec Bad = {time(0) + 1, 1000000000L};
  struct timespec Negative = {time(0) + 1, -1};
  struct timespec Good;
  clock_gettime(CLOCK_REALTIME, &Good);
  Good.tv_sec += 1;

  printf("mutex free, bad timeout: %s\n", name(pthread_mutex_timedlock(&M, &Bad)));
  printf("mutex held, bad timeout: %s\n", name(pthread_mutex_timedlock(&M, &Bad)));
  printf("mutex held, negative nsec: %s\n", name(pthread_mutex_timedlock(&M, &Negative)));
  printf("mutex, bad clock: %s\n",
         name(pthread_mutex_clocklock(&M, CLOCK_PROCESS_CPUTIME_ID, &Good)));
  int R = pthread_cond_timedwait(&C, &M, &Bad);
  printf("cond, bad timeout: %s (mutex still held: %s)\n", name(R),
         pthread_mutex_trylock(&M) == EBUSY ? "yes" : "no");
  printf("cond, bad clock: %s\n",
         name(pthread_cond_clockwait(&C, &M, CLOCK_PROCESS_CPUTIME_ID, &Good)));
  printf("rwlock read, bad timeout: %s\n", name(pthread_rwlock_timedrdlock(&L, &Bad)));
  printf("rwlock write, bad timeout: %s\n", name(pthread_rwlock_timedwrlock(&L, &Negative)));
  printf("rwlock, bad clock: %s\n",
         name(pthread_rwlock_clockwrlock(&L, CLOCK_PROCESS_CPUTIME_ID, &Good)));
  printf("cond, good timeout: %s\n", name(pthread_cond_timedwait(&C, &M, &Good)));
  pthread_mutex_unlock(&M);

  mtx_t X;
  cnd_t Y;
  mtx_init(&X, mtx_timed);
  cnd_init(&Y);
  printf("C11 mtx free, bad timeout: %s\n", c11(mtx_timedlock(&X, &Bad)));
  printf("C11 mtx held, bad timeout: %s\n", c11(mtx_timedlock(&X, &Bad)));
  printf("C11 cnd, bad timeout: %s\n", c11(cnd_timedwait(&Y, &X, &Negative)));
  mtx_unlock(&X);
  return 0;
}
