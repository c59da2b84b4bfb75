// An epoll event loop with a periodic timerfd and a worker thread posting
// through an eventfd, waiting with no timeout: the timer expires on the
// virtual clock (the program's clock shows the ticks' time passed, where it
// used to show none), the eventfd orders the worker's results before the
// loop reads them (silent), and the loop ends in every schedule.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 20 --seed 5 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING: weft
// CHECK: ticks>=8=1 got=4 sum=10 waits={{[0-9]+}} trace={{[TP]+}}
// CHECK: clock moved with the ticks=1 next tick within 10ms=1
// CHECK-NOT: weft: note
// TEST-NOT: WARNING: weft
// TEST: weft test: 20 schedules, 0 failed

#include "Inputs/timerfd_loop.h"
