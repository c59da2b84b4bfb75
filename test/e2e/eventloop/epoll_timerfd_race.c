// Twin of epoll_timerfd_norace.c: the worker writes each result after
// posting it through the eventfd, so the loop's read of it races.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'results'
// CHECK: ticks>=8=1 got=4
// CHECK-NOT: weft: note

#define RACE
#include "Inputs/timerfd_loop.h"
