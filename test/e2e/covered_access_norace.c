// Twin of covered_access_race.c: built from covered_access_race.c with
// ORDERED, the byte writer runs after the first thread is joined, so neither
// the covering write nor the covered read races.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#define ORDERED
#include "covered_access_race.c"
