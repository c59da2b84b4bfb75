// Twin of kept_stacks_full_race.c: built from it with ORDERED, where the
// read comes after the join, so a full trie of allocation stacks reports
// nothing.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS=stack_history_mb=1 %weft test -n 30 --seed 3 -- %t

#define ORDERED
#include "kept_stacks_full_race.c"
