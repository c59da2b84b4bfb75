// Twin of use_after_free_tail_race.c: built from use_after_free_tail_race.c
// with ORDERED, the write of the block's last byte (on its last, partly used
// granule) is ordered before the free by the join, so freeing checks that
// granule and finds nothing.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#define ORDERED
#include "use_after_free_tail_race.c"
