// Twin of lock_set_reused_address_race.c, built with ORDERED: T2 starts
// after T1 was joined, so its write is ordered after every task's.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck --allow-empty %s
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: weft
// TEST-NOT: WARNING
// TEST: weft test: 20 schedules, 0 failed

#define ORDERED
#include "lock_set_reused_address_race.c"
