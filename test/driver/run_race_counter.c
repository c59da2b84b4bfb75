// weft run -race finds the race in examples/counter.c, exits 66, and the
// reproduce line is the weft run command.
// RUN: %python %S/Inputs/exit_status.py %weft run -race %srcroot/examples/counter.c 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: WEFT_SEED=0x{{[0-9a-f]+}} {{.*}}weft run -race {{.*}}examples/counter.c
// CHECK: exit status: 66
