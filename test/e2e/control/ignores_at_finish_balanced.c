// The twin of ignores_at_finish.c, built with ORDERED: every ignore the
// threads begin they also end before they finish, so nothing is reported.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: joined

#define ORDERED
#include "ignores_at_finish.c"
