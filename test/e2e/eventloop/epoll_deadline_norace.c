// An event loop whose timer deadline comes from CLOCK_MONOTONIC and whose
// wait is epoll with the time left as its timeout, and a worker that posts
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

#include <sys/epoll.h>
#include "Inputs/deadline_loop.h"

static int wait_readable(int fd, int timeout_ms) {
  static int ep = -1;
  if (ep < 0) {
    ep = epoll_create1(0);
    struct epoll_event ev = {EPOLLIN, {.fd = fd}};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0)
      return -1;
  }
  struct epoll_event out;
  return epoll_wait(ep, &out, 1, timeout_ms);
}
