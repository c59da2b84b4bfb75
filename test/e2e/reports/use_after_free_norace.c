// Twin of use_after_free_race.c: built from use_after_free_race.c with
// ORDERED, the worker's write is ordered before the free (the free comes
// after the join), so it is no use after free.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#define ORDERED
#include "use_after_free_race.c"
