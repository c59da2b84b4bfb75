// A heap-use-after-free on a block freed more than 4,096 frees ago: the race
// and the free's stack are reported, but the freed block's description has
// been pushed out of the table (docs/limits.md, "Old frees"), so there is no
// location line. It is use_after_free_race.c built with OLD_BLOCK. (Twin,
// built with ORDERED too, which frees the block after the join:
// use_after_free_old_block_norace.c.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --implicit-check-not="Location is"
// CHECK: WARNING: weft: heap-use-after-free
// CHECK: Previous write of size 8 at {{.*}} by main thread:
// CHECK-NEXT: #0 free
// CHECK: SUMMARY: weft: heap-use-after-free

#define OLD_BLOCK
#include "use_after_free_race.c"
