// Twin of atomic_covered_acquire_race.c: built from it with ORDERED, the
// writer writes `data` before each release store of `turn`. The reader's
// covered loads skip their join; the first load of each new store must not,
// or the read of data would be reported.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --allow-empty
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// CHECK-NOT: WARNING: weft
// EXPLORE-NOT: WARNING: weft
// EXPLORE: weft test: 50 schedules, 0 failed

#define ORDERED
#include "atomic_covered_acquire_race.c"
