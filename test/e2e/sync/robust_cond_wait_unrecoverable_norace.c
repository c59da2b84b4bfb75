// Twin of robust_cond_wait_unrecoverable_race.c: built from
// robust_cond_wait_unrecoverable_race.c with ORDERED, the waiter's condition
// wait returns ENOTRECOVERABLE without the mutex, and main writes only after
// joining it. Silent under every schedule; the mutex stays unrecoverable
// after the waiter exits (its exit does not count as an owner dying).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#define ORDERED
#include "robust_cond_wait_unrecoverable_race.c"
