// A program in which a thread exists before weft's runtime starts (a
// library constructor started it) cannot be forked: every child would lack
// that thread. The fork server refuses, weft test says so once and
// executes the program for every schedule, with the results of
// --no-fork-server.
// RUN: mkdir -p %t.dir
// RUN: %clang -shared -fPIC %S/Inputs/timer_thread_lib.c -o %t.dir/libtimerthread.so
// RUN: %weft-cc %s -o %t -L%t.dir -ltimerthread -Wl,-rpath,%t.dir
// RUN: not %weft test -n 6 --seed 7 --keep-going %t > %t.fork 2> %t.err
// RUN: FileCheck %s --check-prefix=NOTE < %t.err
// RUN: not %weft test -n 6 --seed 7 --keep-going --no-fork-server %t > %t.exec 2> %t.exec.err
// RUN: FileCheck %s --check-prefix=QUIET --allow-empty < %t.exec.err
// RUN: sh %S/Inputs/normalize_run.sh %t.fork > %t.fork.body
// RUN: sh %S/Inputs/normalize_run.sh %t.exec > %t.exec.body
// RUN: diff %t.fork.body %t.exec.body
// RUN: FileCheck %s < %t.fork
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  // Fails on every other seed, so the seeds that fail can be compared.
  unsigned long long Seed = strtoull(getenv("WEFT_SEED"), 0, 16);
  printf("run %llu\n", Seed % 2);
  return Seed % 2 ? 3 : 0;
}
// NOTE: weft: note: not using a fork server: the program runs other threads before weft's runtime starts (a library constructor started them); every schedule executes the program
// NOTE-NOT: note
// QUIET-NOT: fork server
// CHECK: weft: failure: exit code 3 with seed 0x
// CHECK: weft test: 6 schedules, {{[1-6]}} failed
