// Twin of test_fork_child_race.c, built with ORDERED: the forked (or
// exec'd) child's thread and main thread take a mutex around the counter;
// every schedule passes, with every way out of the child.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 4 --seed 1 %t exit | FileCheck %s
// RUN: %weft test -n 4 --seed 1 %t _exit | FileCheck %s
// RUN: %weft test -n 4 --seed 1 --no-fork-server %t _exit | FileCheck %s
// RUN: %weft test -n 4 --seed 1 %t exec | FileCheck %s
// CHECK-NOT: WARNING
// CHECK: weft test: 4 schedules, 0 failed

#define ORDERED
#include "test_fork_child_race.c"
