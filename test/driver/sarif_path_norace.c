// The race-free twin of sarif_path_race.c (the program of sarif_race.c built
// with ORDERED, the increment under a mutex): a run that reports nothing
// writes no SARIF, and removes the file an earlier run left, so that the
// file exists only when this run reported.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %weft cc -race -g -O1 %s -o %t/prog
// RUN: echo stale > %t/run.sarif
// RUN: env WEFT_SEED=0x2a WEFT_OPTIONS=sarif_path=%t/run.sarif %t/prog 2>&1 | FileCheck %s
// RUN: not ls %t/run.sarif
// CHECK-NOT: weft
// CHECK: counter = 200

#define ORDERED
#include "sarif_race.c"
