// pthread_rwlock_clockrdlock / clockwrlock order accesses like their
// untimed forms; a generous deadline never expires here.
// RUN: %weft-cc %s -o %t
// The timed locks' deadlines are generous but not infinite: with early
// wake-ups on, a schedule may let one pass while the lock is held (the
// holder stalled that long), and the program then fails as written. This
// test is about the ordering the locks give, so it explores without them.
// RUN: %weft test -n 50 --seed 9 --no-early-wakeups -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed
// TSAN-DIFFERS: TSan 19 does not intercept pthread_rwlock_clockrdlock/clockwrlock, so it sees no happens-before through them and reports a false race.

#define _GNU_SOURCE
#include <pthread.h>
#include <time.h>

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static int value;

static struct timespec later(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  ts.tv_sec += 1000;
  return ts;
}

static void *writer(void *arg) {
  struct timespec ts = later();
  if (pthread_rwlock_clockwrlock(&lock, CLOCK_MONOTONIC, &ts) != 0)
    return (void *)1;
  value++;
  pthread_rwlock_unlock(&lock);
  return 0;
}

static void *reader(void *arg) {
  struct timespec ts = later();
  if (pthread_rwlock_clockrdlock(&lock, CLOCK_MONOTONIC, &ts) != 0)
    return (void *)1;
  int v = value;
  pthread_rwlock_unlock(&lock);
  return (void *)(long)(v < 0);
}

int main(void) {
  pthread_t t[4];
  void *bad;
  int failures = 0;
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, i % 2 ? reader : writer, 0);
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], &bad);
    failures += bad != 0;
  }
  return failures == 0 && value == 2 ? 0 : 1;
}
