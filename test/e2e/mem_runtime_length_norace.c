// Twin of mem_runtime_length_race.c: built with ORDERED, main joins the
// worker before it touches dst and src, so neither range races.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft-cc -O2 %s -o %t.O2
// RUN: env WEFT_SEED=1 %t.O2 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// QUIET-NOT: WARNING
// EXPLORE-NOT: WARNING: weft
// EXPLORE: weft test: 30 schedules, 0 failed

#define ORDERED
#include "mem_runtime_length_race.c"
