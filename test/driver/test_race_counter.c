// weft test finds the race in examples/counter.c and its seed replays it
// to the same report.
// RUN: %weft cc -race -g -O1 %srcroot/examples/counter.c -o %t
// RUN: not %weft test -n 50 --seed 1 %t | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: weft: failure: data race {{.*}}with seed 0x
// CHECK: weft test: {{[0-9]+}} schedules, 1 failed
