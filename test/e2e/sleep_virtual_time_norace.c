// Twin of sleep_is_not_sync_race.c: join orders the accesses. The 100 s of
// sleep are virtual, so the test takes no time, and sleepers wake in order
// of their deadlines.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <time.h>
#include <unistd.h>

int result;

static void *writer(void *arg) {
  usleep(500000);
  result = 42;
  return 0;
}

int main(void) {
  pthread_t t;
  struct timespec before, after;
  clock_gettime(CLOCK_MONOTONIC, &before);
  pthread_create(&t, 0, writer, 0);
  sleep(100);
  pthread_join(t, 0);
  clock_gettime(CLOCK_MONOTONIC, &after);
  // Virtual time passed at least the 100 s main slept.
  return result == 42 && after.tv_sec - before.tv_sec >= 100 ? 0 : 1;
}
// TSAN-DIFFERS: The program really sleeps under TSan, longer than the comparison's timeout; under weft time is virtual.
