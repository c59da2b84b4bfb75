// Twin of stack_history_dropped_race.c: built from it with ORDERED, where the
// reads come after the join. Starting a new history generation moves every
// thread's epoch on; that must never make ordered accesses look concurrent.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS=stack_history_mb=1 %weft test -n 30 --seed 5 -- %t

#define ORDERED
#include "stack_history_dropped_race.c"
