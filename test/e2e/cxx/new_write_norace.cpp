// Twin of new_write_race.cpp: built with ORDERED, the object is published
// with release and read with acquire, so the read is ordered after operator
// new.
// EXPECT: norace
// RUN: %weft-cxx %s -o %t
// RUN: %weft test -n 40 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=ORDERED
// ORDERED-NOT: WARNING: weft
// ORDERED: weft test: 40 schedules, 0 failed

#define ORDERED
#include "new_write_race.cpp"
