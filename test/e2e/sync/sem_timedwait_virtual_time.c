// Timed semaphore waits time out in virtual time: a 100-second timeout on a
// semaphore nobody posts returns ETIMEDOUT at once in real time, and the
// program's clocks show the 100 seconds passed.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t | FileCheck %s
// CHECK: timedwait: -1 ETIMEDOUT=1 waited>=100s=1
// CHECK: clockwait: -1 ETIMEDOUT=1 waited>=100s=1
// TSAN-DIFFERS: The timeouts are real under TSan (the run outlasts the comparison's time limit); under weft time is virtual.

#define _GNU_SOURCE
#include <errno.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

int main(void) {
  sem_t never;
  struct timespec start, deadline, end;
  sem_init(&never, 0, 0);

  clock_gettime(CLOCK_REALTIME, &start);
  deadline = start;
  deadline.tv_sec += 100;
  int r = sem_timedwait(&never, &deadline);
  int err = errno;
  clock_gettime(CLOCK_REALTIME, &end);
  printf("timedwait: %d ETIMEDOUT=%d waited>=100s=%d\n", r, err == ETIMEDOUT,
         end.tv_sec - start.tv_sec >= 100);

  clock_gettime(CLOCK_MONOTONIC, &start);
  deadline = start;
  deadline.tv_sec += 100;
  r = sem_clockwait(&never, CLOCK_MONOTONIC, &deadline);
  err = errno;
  clock_gettime(CLOCK_MONOTONIC, &end);
  printf("clockwait: %d ETIMEDOUT=%d waited>=100s=%d\n", r, err == ETIMEDOUT,
         end.tv_sec - start.tv_sec >= 100);
  return 0;
}
