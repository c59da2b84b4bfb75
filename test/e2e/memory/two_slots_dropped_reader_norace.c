// Twin of two_slots_dropped_reader_race.c: built from it with ORDERED, the
// writer waits for all three readers, so whichever read the third one
// evicted, the write is ordered after every read.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#define ORDERED
#include "two_slots_dropped_reader_race.c"
