// sigtimedwait: the first wait times out in virtual time (EAGAIN) when no
// one sends the signal; the second, retried while it times out (a timed
// wait may always time out first), is woken by main's pthread_kill, which
// orders main's write of `shared` before the waiter's read.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 40 --seed 11 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=4 %t 2>&1 | FileCheck --check-prefix=RUN1 %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 40 schedules, 0 failed
// RUN1: first: -1 timed out
// RUN1-NEXT: second: 10 shared=5
// RUN1-NOT: WARNING: weft

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

int shared;
sigset_t set;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t c = PTHREAD_COND_INITIALIZER;
int timed_out;

static void *waiter(void *arg) {
  struct timespec short_wait = {0, 1000000}; // 1 ms
  int r = sigtimedwait(&set, 0, &short_wait);
  printf("first: %d %s\n", r, r < 0 && errno == EAGAIN ? "timed out" : "?");
  pthread_mutex_lock(&m);
  timed_out = 1;
  pthread_cond_signal(&c);
  pthread_mutex_unlock(&m);
  struct timespec long_wait = {3600, 0};
  do
    r = sigtimedwait(&set, 0, &long_wait);
  while (r < 0 && errno == EAGAIN);
  printf("second: %d shared=%d\n", r, shared);
  return r == SIGUSR1 ? 0 : (void *)1;
}

int main(void) {
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, 0);
  pthread_t t;
  pthread_create(&t, 0, waiter, 0);
  pthread_mutex_lock(&m);
  while (!timed_out)
    pthread_cond_wait(&c, &m);
  pthread_mutex_unlock(&m);
  shared = 5;
  pthread_kill(t, SIGUSR1);
  void *ret;
  pthread_join(t, &ret);
  return ret != 0;
}
