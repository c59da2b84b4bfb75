// Twin of range_memo_race.c: built with ORDERED, the poker is joined before
// the copier starts, so the granule that holds other slots is checked in
// full and found ordered.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=3 %t 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// QUIET-NOT: WARNING
// EXPLORE-NOT: WARNING: weft
// EXPLORE: weft test: 30 schedules, 0 failed

#define ORDERED
#include "range_memo_race.c"
