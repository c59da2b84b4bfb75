// Twin of vptr_new_region_race.cpp: built with ORDERED, the object is
// published with release and found with acquire, so the constructor's
// vptr store in the fresh region happens before the read: silent.
// EXPECT: norace
// TSAN-DIFFERS: TSan's fixed shadow layout has no room for program memory at the address this test maps (it stops with 'mmap at bad address'); weft's shadow follows any layout.
// RUN: %weft-cxx %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// QUIET-NOT: WARNING
// EXPLORE-NOT: WARNING: weft
// EXPLORE: weft test: 20 schedules, 0 failed

#define ORDERED
#include "vptr_new_region_race.cpp"
