// Twin of shadow_stack_overflow_race.c: built from it with ORDERED, where
// the reads come after the join, so recursing deeper than the call-stack
// array reports nothing.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 11 -- %t

#define ORDERED
#include "shadow_stack_overflow_race.c"
