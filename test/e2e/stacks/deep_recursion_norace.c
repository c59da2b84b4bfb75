// Twin of deep_recursion_race.c: built from it with ORDERED, where the read
// at the bottom of the deep recursion comes after the join, so no schedule
// reports anything.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 7 -- %t

#define ORDERED
#include "deep_recursion_race.c"
