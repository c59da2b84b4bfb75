// A copy out of a buffer whose granules all hold the same slots is checked
// once and replayed on the rest (runtime/lib/core/access.cc, RangeMemo). A
// granule in the middle that another thread wrote concurrently holds other
// slots, so it must still be checked in full and the race reported.
// Its race-free twin is range_memo_norace.c (this program with ORDERED).
// EXPECT: race
// RUN: %weft-cc %s -o %t
// (Pinned seeds: the poker writes before the copier reads, so the race is
// found by the copy's range check. Seed 3 finds it the other way.)
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=ANY
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Read of size 8 at (0x[0-9a-f]+) by thread T2:$}}
// CHECK: {{^  Previous write of size 1 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK: Location is global 'shared' of size 4096
// CHECK: weft: reported 1 warning
// ANY: WARNING: weft: data race
// ANY: Location is global 'shared' of size 4096
// ANY: weft: reported 1 warning

#include "Inputs/poke_and_copy.h"

static void *copier(void *arg) {
  (void)arg;
  memcpy(copy, shared, sizeof(shared));
  return 0;
}

int main(void) {
  memset(shared, 7, sizeof(shared)); // one write slot in every granule
  pokeThenCopy(pokeMiddle, copier);
  return copy[0] == 0;
}
