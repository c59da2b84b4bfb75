// A wrapper that forks the program (a shell running more than one command)
// is not served: the rest of the script must run for every schedule. weft
// test says so and executes the wrapper for every schedule, with the
// results of --no-fork-server.
// RUN: %weft-cc %s -o %t
// RUN: not %weft test -n 3 --seed 2 --keep-going -- sh -c "%t; echo after the program; exit 4" > %t.fork 2> %t.err
// RUN: FileCheck %s --check-prefix=NOTE < %t.err
// RUN: not %weft test -n 3 --seed 2 --keep-going --no-fork-server -- sh -c "%t; echo after the program; exit 4" > %t.exec
// RUN: sed -e /schedules.s$/d %t.fork > %t.fork.body
// RUN: sed -e /schedules.s$/d %t.exec > %t.exec.body
// RUN: diff %t.fork.body %t.exec.body
// RUN: FileCheck %s < %t.fork
#include <stdio.h>

int main(void) {
  printf("in the program\n");
  return 0;
}
// NOTE: weft: note: not using a fork server: the program was not started by weft test itself (a wrapper script started it); every schedule executes the program
// CHECK: weft test: seed 0x2, 3 schedules, 1 at a time
// CHECK-NEXT: in the program
// CHECK-NEXT: after the program
// CHECK-NEXT: weft: failure: exit code 4 with seed 0x
// CHECK: weft test: 3 schedules, 3 failed
