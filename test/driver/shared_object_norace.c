// Twin of shared_object_race.c: built with ORDERED, main joins the worker
// before it bumps the counter in the shared object itself.
// EXPECT: norace
// RUN: mkdir -p %t.dir
// RUN: %weft-cc -O2 -shared %S/Inputs/shared_counter.c -o %t.dir/libsharedcounter.so
// RUN: %weft-cc -O2 %s -o %t -L%t.dir -lsharedcounter -Wl,-rpath,%t.dir
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// QUIET-NOT: WARNING
// EXPLORE-NOT: WARNING: weft
// EXPLORE: weft test: 30 schedules, 0 failed

#define ORDERED
#include "shared_object_race.c"
