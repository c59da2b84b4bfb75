// pthread_tryjoin_np, pthread_timedjoin_np and pthread_clockjoin_np order
// the joined thread's end before what follows, like pthread_join, and
// their timeouts are virtual time: a timed join of a thread that cannot
// finish yet times out deterministically, without waiting in real time.
// A joined thread is not a leak. Malformed timeouts are EINVAL, as in glibc.
// Each of them used to go straight to glibc: no order (a race reported on
// every result read below), a "thread leak" report, and a timed join that
// waited in real time for a thread that could not run.
// The twin, join_variants_race.c, reads a result after a try join that
// found the thread still running.
//
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=3 WEFT_OPTIONS=thread_switch=user %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
//
// CHECK: timedjoin: 0 result=1
// CHECK-NEXT: tryjoin: 0 result=2
// CHECK-NEXT: clockjoin: 0 result=3
// CHECK-NEXT: timedjoin of a blocked thread: ETIMEDOUT
// CHECK-NEXT: bad timeouts: EINVAL EINVAL
// CHECK-NEXT: join after the timeout: 0 result=4
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int result;
static sem_t go;

static void *work(void *arg) {
  result = (int)(long)arg;
  return arg;
}

static void *blocked_work(void *arg) {
  sem_wait(&go); // posted only after main's timed join gave up
  result = (int)(long)arg;
  return arg;
}

static struct timespec in_seconds(clockid_t clock, int s) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  ts.tv_sec += s;
  return ts;
}

static const char *name(int e) {
  return e == ETIMEDOUT ? "ETIMEDOUT" : e == EINVAL ? "EINVAL" : e == EBUSY ? "EBUSY" : "other";
}

int main(void) {
  pthread_t t;
  void *r;
  pthread_create(&t, NULL, work, (void *)1L);
  struct timespec ts = in_seconds(CLOCK_REALTIME, 5);
  int e = pthread_timedjoin_np(t, &r, &ts);
  printf("timedjoin: %d result=%d\n", e, result);

  pthread_create(&t, NULL, work, (void *)2L);
  while ((e = pthread_tryjoin_np(t, &r)) == EBUSY)
    usleep(100);
  printf("tryjoin: %d result=%d\n", e, result);

  pthread_create(&t, NULL, work, (void *)3L);
  ts = in_seconds(CLOCK_MONOTONIC, 5);
  e = pthread_clockjoin_np(t, &r, CLOCK_MONOTONIC, &ts);
  printf("clockjoin: %d result=%d\n", e, result);

  sem_init(&go, 0, 0);
  pthread_create(&t, NULL, blocked_work, (void *)4L);
  ts = in_seconds(CLOCK_REALTIME, 3600); // an hour of virtual time, at once
  e = pthread_timedjoin_np(t, &r, &ts);
  printf("timedjoin of a blocked thread: %s\n", name(e));
  struct timespec bad = {0, 1000000000L};
  int e1 = pthread_timedjoin_np(t, &r, &bad);
  ts = in_seconds(CLOCK_MONOTONIC, 1);
  int e2 = pthread_clockjoin_np(t, &r, CLOCK_PROCESS_CPUTIME_ID, &ts);
  printf("bad timeouts: %s %s\n", name(e1), name(e2));
  sem_post(&go);
  e = pthread_join(t, &r);
  printf("join after the timeout: %d result=%d\n", e, result);
  return 0;
}
