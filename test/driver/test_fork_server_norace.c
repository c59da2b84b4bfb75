// Twin of test_fork_server_race.c: built with ORDERED, every increment is
// under the mutex, so every schedule passes, forked from a fork server or
// executed.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 200 --seed 0x5eed %t | FileCheck %s
// RUN: %weft test -n 200 --seed 0x5eed -j 2 %t | FileCheck %s
// RUN: %weft test -n 50 --seed 0x5eed --no-fork-server %t | FileCheck %s --check-prefix=EXEC
// CHECK: weft test: 200 schedules, 0 failed
// EXEC: weft test: 50 schedules, 0 failed

#define ORDERED
#include "test_fork_server_race.c"
