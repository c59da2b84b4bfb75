// WEFT_OPTIONS=wall_clock=1: the clocks the program reads return the wall
// clock, so a program that prints durations prints real ones; sleeps and
// timed waits still pass in virtual time (the 150 s below take no real
// time either way), and a timed wait's absolute deadline, taken from the
// wall clock, still times out. Without the option the clocks show the 150
// virtual seconds. The real clock is read with syscall(), which weft passes
// through.
// EXPECT: norace
// TSAN-DIFFERS: The 150 s of sleeps are real under TSan (past the comparison's time limit); under weft they are virtual.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t | FileCheck %s --check-prefix=VIRTUAL
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=wall_clock=1 %t | FileCheck %s --check-prefix=WALL
// VIRTUAL: timedwait=ETIMEDOUT
// VIRTUAL: monotonic saw the sleeps=1 realtime saw the sleeps=1 gettimeofday saw the sleeps=1 time saw the sleeps=1
// VIRTUAL: realtime ahead of the wall clock=1
// WALL: timedwait=ETIMEDOUT
// WALL: monotonic saw the sleeps=0 realtime saw the sleeps=0 gettimeofday saw the sleeps=0 time saw the sleeps=0
// WALL: realtime ahead of the wall clock=0

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static double secs(clockid_t c) {
  struct timespec ts;
  clock_gettime(c, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double real_secs(clockid_t c) {
  struct timespec ts;
  syscall(SYS_clock_gettime, c, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void) {
  double m0 = secs(CLOCK_MONOTONIC), r0 = secs(CLOCK_REALTIME);
  struct timeval g0;
  gettimeofday(&g0, 0);
  time_t t0 = time(0);

  sleep(100);
  pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
  struct timespec abs;
  clock_gettime(CLOCK_REALTIME, &abs);
  abs.tv_sec += 50;
  pthread_mutex_lock(&mu);
  int r = pthread_cond_timedwait(&cv, &mu, &abs);
  pthread_mutex_unlock(&mu);
  printf("timedwait=%s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "other");

  struct timeval g1;
  gettimeofday(&g1, 0);
  printf("monotonic saw the sleeps=%d realtime saw the sleeps=%d gettimeofday saw the sleeps=%d "
         "time saw the sleeps=%d\n",
         secs(CLOCK_MONOTONIC) - m0 >= 150, secs(CLOCK_REALTIME) - r0 >= 150,
         g1.tv_sec - g0.tv_sec >= 150, time(0) - t0 >= 150);
  printf("realtime ahead of the wall clock=%d\n",
         secs(CLOCK_REALTIME) - real_secs(CLOCK_REALTIME) >= 100);
  return 0;
}
