// Twin of use_after_free_old_block_race.c: built from
// use_after_free_race.c with ORDERED and OLD_BLOCK, the worker is joined before
// the block is freed (5,000 other blocks come and go before the join).
// Silent.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed

#define ORDERED
#define OLD_BLOCK
#include "use_after_free_race.c"
