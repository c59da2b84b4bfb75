// Twin of select_deadline_norace.c: the worker writes each result after
// posting it, so the loop's read of it races; the loop still ends.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'results'
// CHECK: ticks=10 got=4
// CHECK-NOT: weft: note

#define RACE
#include <sys/select.h>
#include "Inputs/deadline_loop.h"

static int wait_readable(int fd, int timeout_ms) {
  fd_set r;
  FD_ZERO(&r);
  FD_SET(fd, &r);
  struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  return select(fd + 1, &r, 0, 0, &tv);
}
