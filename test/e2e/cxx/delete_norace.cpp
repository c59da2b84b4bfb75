// Twin of delete_race.cpp: built with ORDERED, the thread is joined before
// the object is deleted: silent.
// EXPECT: norace
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// QUIET-NOT: WARNING
// EXPLORE-NOT: WARNING: weft
// EXPLORE: weft test: 30 schedules, 0 failed

#define ORDERED
#include "delete_race.cpp"
