// Twin of alloc_reuse_race.c: built with ORDERED, the pointer is published
// with release and read with acquire, which orders the reader after the
// newest allocation; the memory's earlier lives, freed by the same thread
// before it, are ordered before it too.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=ORDERED
// RUN: %weft-cc -DSIZE=16384 %s -o %t.large
// RUN: %weft test -n 20 --seed 1 -- %t.large 2>&1 | FileCheck %s --check-prefix=ORDERED
// ORDERED-NOT: WARNING: weft
// ORDERED: weft test: 20 schedules, 0 failed

#define ORDERED
#include "alloc_reuse_race.c"
