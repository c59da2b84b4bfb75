// Twin of lock_order_many_nested_race.c, built with ORDERED: the second
// thread takes its two mutexes in the order the first used, so thousands
// of edges and no cycle. Silent, and the counts still match.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=print_stats=1 %t 2>&1 | FileCheck %s
// CHECK-NOT:  WARNING: weft
// CHECK:      made: lock-sets=[[SETS:[0-9]+]] lock-edges=[[EDGES:[0-9]+]]
// CHECK-NEXT: weft: stats: {{.*}} lock-sets=[[SETS]] {{.*}} lock-edges=[[EDGES]] stack-generations=

#define ORDERED
#include "lock_order_many_nested_race.c"
