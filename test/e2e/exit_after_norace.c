// Twin of exit_after_race.c, built with ORDERED: the same threads, joined
// before the second write, so nothing is reported and _exit(0) and _Exit(3)
// keep their status.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 0 %t _exit 0 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=1 %expect-exit 3 %t _Exit 3 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK-NOT: weft: reported
// CHECK: leaving

#define ORDERED
#include "exit_after_race.c"
