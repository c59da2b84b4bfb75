// Twin of old_free_race.c: built with ORDERED, the block is freed after
// the join, so the worker's write is ordered before the free.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 10 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=ORDERED
// ORDERED-NOT: WARNING: weft
// ORDERED: weft test: 10 schedules, 0 failed

#define ORDERED
#include "old_free_race.c"
