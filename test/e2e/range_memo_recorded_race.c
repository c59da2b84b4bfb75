// A range check remembers a granule it found already recorded and skips
// the ones after it that hold the same slots (runtime/lib/core/access.cc,
// RangeMemo::Recorded). The copy's thread filled every granule but one in
// this epoch; that one, which another thread wrote, holds other slots, so
// it must be checked in full and its race reported.
// Its race-free twin is range_memo_recorded_norace.c (this program with
// ORDERED).
// EXPECT: race
// RUN: %weft-cc %s -o %t
// (Pinned seeds: the poker runs before the copy.)
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Read of size 8 at 0x[0-9a-f]+ by thread T2:$}}
// CHECK: {{^  Previous write of size 1 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK: Location is global 'shared' of size 4096
// CHECK: weft: reported 1 warning

#include "Inputs/poke_and_copy.h"
#include <sched.h>

static void *copier(void *arg) {
  (void)arg;
  memset(shared, 7, 2000); // all but the granule at 2000
  memset(shared + 2008, 7, sizeof(shared) - 2008);
  sched_yield(); // a scheduling point, not a synchronization
  memcpy(copy, shared, sizeof(shared)); // already recorded, but for one
  return 0;
}

int main(void) {
  pokeThenCopy(pokeMiddle, copier);
  return copy[0] == 0;
}
