// Twin of access_history_scattered_race.c, built with ORDERED: the reader
// joins the thread that scattered the stores before it reads.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck --allow-empty %s
// RUN: %weft test -n 10 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: weft
// TEST: weft test: 10 schedules, 0 failed

#define ORDERED
#include "access_history_scattered_race.c"
