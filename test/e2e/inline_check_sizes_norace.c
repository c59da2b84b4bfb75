// Twin of inline_check_sizes_race.c: built with ORDERED, main joins the
// worker before it touches the fields, so nothing races.
// EXPECT: norace
// RUN: %weft-cc -O2 %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft-cc -O0 %s -o %t.O0
// RUN: env WEFT_SEED=1 %t.O0 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// QUIET-NOT: WARNING
// EXPLORE-NOT: WARNING: weft
// EXPLORE: weft test: 30 schedules, 0 failed

#define ORDERED
#include "inline_check_sizes_race.c"
