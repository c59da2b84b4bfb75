// An event loop whose timer deadline comes from CLOCK_MONOTONIC and whose
// wait is select with the time left as its timeout, and a worker that posts
// through a pipe: the timed-out waits advance virtual time by their timeout,
// so the deadlines are reached and the loop ends (it used to wait for ever:
// virtual time did not move while the wait passed in real time). Silent:
// the pipe orders the worker's results before the loop reads them.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 20 --seed 3 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING: weft
// CHECK: ticks=10 got=4 sum=18 elapsed>=100ms=1
// CHECK-NOT: weft: note
// TEST-NOT: WARNING: weft
// TEST: weft test: 20 schedules, 0 failed

#include <sys/select.h>
#include "Inputs/deadline_loop.h"

static int wait_readable(int fd, int timeout_ms) {
  fd_set r;
  FD_ZERO(&r);
  FD_SET(fd, &r);
  struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  return select(fd + 1, &r, 0, 0, &tv);
}
