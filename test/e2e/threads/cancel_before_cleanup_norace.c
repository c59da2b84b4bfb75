// Twin of cancel_before_cleanup_race.c, built with ORDERED: main writes
// `request` before pthread_cancel, which happens before the cleanup handler
// that reads it. Nothing is reported.
// TSAN-DIFFERS: ThreadSanitizer adds no happens-before edge from pthread_cancel to the target's cleanup, and reports the cleanup's read; weft orders them (docs/design.md, "Cancellation")
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 30 --seed 6 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING
// CHECK: answer 42, joined: canceled
// TEST: weft test: 30 schedules, 0 failed

#define ORDERED
#include "cancel_before_cleanup_race.c"
