// Output a library constructor produces before weft starts is part of every
// run's output, as it is when each run is executed: what it wrote goes
// first, what it left in a stdio buffer is flushed by each run.
// RUN: mkdir -p %t.dir
// RUN: %clang -shared -fPIC %S/Inputs/ctor_output_lib.c -o %t.dir/libctoroutput.so
// RUN: %weft-cc %s -o %t -L%t.dir -lctoroutput -Wl,-rpath,%t.dir
// RUN: not %weft test -n 3 --seed 5 --keep-going %t > %t.fork
// RUN: not %weft test -n 3 --seed 5 --keep-going --no-fork-server %t > %t.exec
// RUN: sh %S/Inputs/normalize_run.sh %t.fork > %t.fork.body
// RUN: sh %S/Inputs/normalize_run.sh %t.exec > %t.exec.body
// RUN: diff %t.fork.body %t.exec.body
// RUN: FileCheck %s < %t.fork
#include <stdio.h>

int main(void) {
  printf("main\n");
  return 2;
}
// CHECK: weft test: seed 0x5, 3 schedules, 1 at a time
// CHECK-NEXT: written by a library constructor
// CHECK-NEXT: buffered by a library constructor
// CHECK-NEXT: main
// CHECK-NEXT: weft: failure: exit code 2 with seed 0x
// CHECK: weft test: 3 schedules, 3 failed
