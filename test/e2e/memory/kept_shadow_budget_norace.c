// Twin of kept_shadow_budget_race.c, built with ORDERED: the same frees
// past the budget for kept shadow (kept_shadow_mb), with the oldest freed
// block's memory taken again and written by a new owner, but the new owner
// is joined before the late write. Ordered, the two writes are no race, and
// the release of the old block's zero shadow pages must not make one up
// either.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=kept_shadow_mb=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 WEFT_OPTIONS=kept_shadow_mb=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: same address

#define ORDERED
#include "kept_shadow_budget_race.c"
