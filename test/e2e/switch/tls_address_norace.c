// Twin of tls_address_race.c: the thread-local counter lent to another
// thread is only ever written under one mutex, so nothing is reported, in
// either thread_switch mode.
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os %weft test -n 20 --seed 7 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 20 --seed 7 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static __thread long Counter;
static long *_Atomic Published;
static _Atomic int BorrowerDone;
static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;

static void *owner(void *Arg) {
  (void)Arg;
  atomic_store(&Published, &Counter);
  for (int I = 0; I < 50; ++I) {
    pthread_mutex_lock(&Lock);
    Counter += 1;
    pthread_mutex_unlock(&Lock);
  }
  // Its TLS must outlive the borrower's writes.
  while (!atomic_load(&BorrowerDone))
    sched_yield();
  pthread_mutex_lock(&Lock);
  long Total = Counter;
  pthread_mutex_unlock(&Lock);
  return (void *)(Total == 100 ? 0L : 1L);
}

static void *borrower(void *Arg) {
  (void)Arg;
  long *P;
  while (!(P = atomic_load(&Published)))
    sched_yield();
  for (int I = 0; I < 50; ++I) {
    pthread_mutex_lock(&Lock);
    *P += 1;
    pthread_mutex_unlock(&Lock);
  }
  atomic_store(&BorrowerDone, 1);
  return 0;
}

int main(void) {
  pthread_t A, B;
  void *R;
  pthread_create(&A, 0, owner, 0);
  pthread_create(&B, 0, borrower, 0);
  pthread_join(B, 0);
  pthread_join(A, &R);
  return R != 0;
}
