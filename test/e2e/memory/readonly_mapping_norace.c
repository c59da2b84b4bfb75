// Twin of readonly_mapping_race.c, built with ORDERED: the same file mapped
// read-only and read by two threads at once (never a race), made writable,
// unmapped and replaced by anonymous memory at the same address, and copied
// out of into one buffer; but every write is ordered with the access it
// would race with (the second thread starts after the first was joined).
// Reads that were not recorded must not make up a race either way.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: made writable
// CHECK: remapped: same address
// CHECK: copies
// CHECK: done 1

#define ORDERED
#include "readonly_mapping_race.c"
