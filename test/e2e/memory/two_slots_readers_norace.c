// Twin of two_slots_readers_race.c, built with ORDERED: the main thread's
// write and three readers' reads are four accesses to each granule, which
// has two slots; the writer joins the readers first, so nothing races,
// whichever slots the evictions left.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck --allow-empty %s
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: weft
// TEST: weft test: 20 schedules, 0 failed

#define ORDERED
#include "two_slots_readers_race.c"
