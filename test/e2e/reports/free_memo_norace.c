// Twin of free_memo_race.c: the table is freed after the join, so both
// reads are ordered before the free: silent.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: sum 131070

#define ORDERED
#include "free_memo_race.c"
