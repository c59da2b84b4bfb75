// Twin of poll_deadline_norace.c: the worker writes each result after
// posting it, so the loop's read of it races; the loop still ends.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'results'
// CHECK: ticks=10 got=4
// CHECK-NOT: weft: note

#define RACE
#include <poll.h>
#include "Inputs/deadline_loop.h"

static int wait_readable(int fd, int timeout_ms) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, timeout_ms);
}
