// Twin of range_across_regions_race.c: built with ORDERED, the poker is
// joined before the copier starts, so the range check across the two shadow
// regions finds both pokes ordered and stays silent.
// EXPECT: norace
// TSAN-DIFFERS: TSan's fixed shadow layout has no room for program memory at the address this test maps (it stops with 'mmap at bad address'); weft's shadow follows any layout.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=ORDERED
// ORDERED-NOT: WARNING: weft
// ORDERED: weft test: 30 schedules, 0 failed

#define ORDERED
#include "range_across_regions_race.c"
