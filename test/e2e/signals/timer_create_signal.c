// timer_create's signal timers on a virtual clock: a periodic
// CLOCK_MONOTONIC timer with SIGEV_SIGNAL expires every 10 ms of virtual
// time while main sleeps 100 ms (each expiry interrupts the nanosleep,
// which main resumes with the time left): 10 expiries, each with SI_TIMER,
// the timer's sigev_value and no overrun. A second, one-shot timer with
// SIGEV_THREAD_ID goes to the thread it names (T1), not to main, and ends
// T1's pause. timer_gettime and timer_delete work on both.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x6 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 20 --seed 2 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 20 schedules, 0 failed
// CHECK:      periodic: 10 expiries, all SI_TIMER with value 7: 1, overruns 0
// CHECK-NEXT: gettime: interval 10 ms: 1
// CHECK-NEXT: thread timer: handled on T1: 1 (main: 0)
// CHECK-NEXT: deleted: 0 0

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static atomic_int expiries, good, overruns;
static atomic_int on_t1, on_main;
static pthread_t main_thread;
static atomic_int tid_of_t1;

static void on_rt(int sig, siginfo_t *si, void *ctx) {
  atomic_fetch_add(&expiries, 1);
  if (si->si_code == SI_TIMER && si->si_value.sival_int == 7)
    atomic_fetch_add(&good, 1);
  atomic_fetch_add(&overruns, si->si_overrun);
}

static void on_usr2(int sig) {
  atomic_fetch_add(pthread_equal(pthread_self(), main_thread) ? &on_main : &on_t1, 1);
}

static void *t1(void *arg) {
  atomic_store(&tid_of_t1, gettid());
  pause();
  return 0;
}

int main(void) {
  main_thread = pthread_self();
  struct sigaction sa = {0};
  sa.sa_sigaction = on_rt;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGRTMIN, &sa, 0);
  signal(SIGUSR2, on_usr2);

  struct sigevent ev = {0};
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGRTMIN;
  ev.sigev_value.sival_int = 7;
  timer_t periodic;
  timer_create(CLOCK_MONOTONIC, &ev, &periodic);
  struct itimerspec every10 = {{0, 10000000}, {0, 10000000}};
  timer_settime(periodic, 0, &every10, 0);
  struct timespec left = {0, 100000000 + 5000000}; // 105 ms
  while (nanosleep(&left, &left) == -1 && errno == EINTR)
    ;
  struct itimerspec now;
  timer_gettime(periodic, &now);
  printf("periodic: %d expiries, all SI_TIMER with value 7: %d, overruns %d\n",
         atomic_load(&expiries), atomic_load(&good) == atomic_load(&expiries),
         atomic_load(&overruns));
  printf("gettime: interval 10 ms: %d\n", now.it_interval.tv_nsec == 10000000);

  pthread_t t;
  pthread_create(&t, 0, t1, 0);
  while (!atomic_load(&tid_of_t1))
    usleep(1000);
  struct sigevent to_t1 = {0};
  to_t1.sigev_notify = SIGEV_THREAD_ID;
  to_t1.sigev_signo = SIGUSR2;
  to_t1._sigev_un._tid = atomic_load(&tid_of_t1);
  timer_t once;
  timer_create(CLOCK_REALTIME, &to_t1, &once);
  struct itimerspec in5 = {{0, 0}, {0, 5000000}};
  timer_settime(once, 0, &in5, 0);
  pthread_join(t, 0);
  printf("thread timer: handled on T1: %d (main: %d)\n", atomic_load(&on_t1),
         atomic_load(&on_main));
  printf("deleted: %d %d\n", timer_delete(periodic), timer_delete(once));
  return 0;
}
