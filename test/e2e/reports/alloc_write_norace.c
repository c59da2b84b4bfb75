// Twin of alloc_write_race.c: built with ORDERED, the pointer is published
// with release and read with acquire, which orders the reader after the
// allocation.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 40 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=ORDERED
// ORDERED-NOT: WARNING: weft
// ORDERED: weft test: 40 schedules, 0 failed

#define ORDERED
#include "alloc_write_race.c"
