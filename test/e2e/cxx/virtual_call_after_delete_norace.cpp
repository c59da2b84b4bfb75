// The race-free twin of virtual_call_after_delete_race.cpp, built with
// ORDERED: the worker's virtual call is ordered before the delete (the flag
// is released and acquired), and the deleted object is never touched again.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=0x2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 20 --seed 3 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 20 schedules, 0 failed
// CHECK: called 2

#define ORDERED
#include "virtual_call_after_delete_race.cpp"
