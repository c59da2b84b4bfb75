// Twin of cancel_cleanup_race.c, built with ORDERED: main reads what the
// cleanup handler wrote only after the join, which the cancelled thread's
// end happens before; the cleanup's read of `request` is ordered by the
// pthread_cancel. Nothing is reported.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 30 --seed 6 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING
// CHECK: seen 42, joined: canceled
// TEST: weft test: 30 schedules, 0 failed

#define ORDERED
#include "cancel_cleanup_race.c"
