// pthread_kill happens before the handler it runs on a thread in pause()
// and before pause returns: T1 writes `shared`, then signals main; main's
// read after pause is ordered. This is pause_race.c built with ORDERED.
// TSAN-DIFFERS: TSan has no happens-before edge from pthread_kill to the handler or to pause's return and reports main's read racing with T1's write, which the signal orders
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x3 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 30 --seed 4 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 30 schedules, 0 failed
// CHECK: pause=-1 EINTR=1 handler on main=1
// CHECK-NEXT: shared=42

#define ORDERED
#include "pause_race.c"
