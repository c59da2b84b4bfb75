// Twin of epoll_deadline_norace.c: the worker writes each result after
// posting it, so the loop's read of it races; the loop still ends.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'results'
// CHECK: ticks=10 got=4
// CHECK-NOT: weft: note

#define RACE
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
