// Twin of longjmp_race.c: built from it with ORDERED, where the read comes
// after the join, so jumping out of instrumented frames reports nothing.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 30 --seed 13 -- %t

#define ORDERED
#include "longjmp_race.c"
