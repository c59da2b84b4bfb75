// Raw futex system calls from a scheduled thread are modelled: a waiter
// whose word still holds the expected value blocks in the scheduler; a
// mismatch is EAGAIN; FUTEX_WAKE wakes at most N waiters and returns how
// many; bitsets select waiters; timeouts run in virtual time (relative for
// FUTEX_WAIT, absolute for FUTEX_WAIT_BITSET).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t | FileCheck %s
// CHECK: mismatch: -1 EAGAIN
// CHECK-NEXT: wait timeout: -1 ETIMEDOUT virtual 5s passed
// CHECK-NEXT: bitset timeout: -1 ETIMEDOUT virtual 5s passed
// CHECK-NEXT: wake with nobody waiting: 0
// CHECK-NEXT: wake 1 of 3: 1
// CHECK-NEXT: wake bitset 0x4: 0
// CHECK-NEXT: wake all: 2
// CHECK-NEXT: woken: 3

#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static unsigned word;
static atomic_int woken;

static long futex(unsigned *w, int op, unsigned val, const struct timespec *ts, unsigned bits) {
  return syscall(SYS_futex, w, op, val, ts, 0, bits);
}

static void *waiter(void *arg) {
  unsigned bits = (unsigned)(long)arg;
  if (futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, 0, bits) == 0)
    atomic_fetch_add(&woken, 1);
  return 0;
}

static long seconds_since(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec - start->tv_sec;
}

int main(void) {
  struct timespec start, rel = {5, 0}, abs;
  long r = futex(&word, FUTEX_WAIT_PRIVATE, 1, 0, 0);
  printf("mismatch: %ld %s\n", r, errno == EAGAIN ? "EAGAIN" : "?");

  clock_gettime(CLOCK_MONOTONIC, &start);
  r = futex(&word, FUTEX_WAIT_PRIVATE, 0, &rel, 0);
  printf("wait timeout: %ld %s virtual %lds passed\n", r,
         errno == ETIMEDOUT ? "ETIMEDOUT" : "?", seconds_since(&start));

  clock_gettime(CLOCK_MONOTONIC, &start);
  abs = start;
  abs.tv_sec += 5;
  r = futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &abs, FUTEX_BITSET_MATCH_ANY);
  printf("bitset timeout: %ld %s virtual %lds passed\n", r,
         errno == ETIMEDOUT ? "ETIMEDOUT" : "?", seconds_since(&start));

  printf("wake with nobody waiting: %ld\n", futex(&word, FUTEX_WAKE_PRIVATE, 1, 0, 0));

  pthread_t t[3];
  for (long i = 0; i < 3; i++)
    pthread_create(&t[i], 0, waiter, (void *)(i == 0 ? 1L : 3L));
  // Let all three block: they run whenever main yields.
  for (int i = 0; i < 50; i++)
    sched_yield();
  printf("wake 1 of 3: %ld\n", futex(&word, FUTEX_WAKE_PRIVATE, 1, 0, 0));
  printf("wake bitset 0x4: %ld\n", futex(&word, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, 0, 4));
  printf("wake all: %ld\n", futex(&word, FUTEX_WAKE_PRIVATE, INT_MAX, 0, 0));
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], 0);
  printf("woken: %d\n", atomic_load(&woken));
  return 0;
}
