// Twin of access_history_streams_race.c, built with ORDERED: the writer
// joins the loop's thread before it writes, so the write is ordered after
// every read.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck --allow-empty %s
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: weft
// TEST: weft test: 20 schedules, 0 failed

#define ORDERED
#include "access_history_streams_race.c"
