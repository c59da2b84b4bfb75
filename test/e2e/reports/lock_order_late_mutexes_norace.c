// Twin of lock_order_late_mutexes_race.c, built with ORDERED: both threads
// take the late mutexes a then b, so the graph has one edge and no cycle.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck --allow-empty %s
// RUN: %weft test -n 10 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: weft
// TEST-NOT: WARNING
// TEST: weft test: 10 schedules, 0 failed

#define ORDERED
#include "lock_order_late_mutexes_race.c"
