// Twin of preserving_calls_race.c: built with ORDERED, main joins the
// worker before it calls mix(), so nothing races; the results still match
// the uninstrumented copy's.
// EXPECT: norace
// RUN: %weft-cc -O2 -g %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -O1 -g %s -o %t.O1
// RUN: env WEFT_SEED=1 %t.O1 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: mix: same results

#define ORDERED
#include "preserving_calls_race.c"
