// The race-free twin of run_several_sources_race.c: the same two sources,
// its main (included below) and the worker locked (-DLOCKED). Without `--`,
// the first argument that is not a source starts the program's arguments;
// a C++ source links as C++.
// RUN: %python %S/Inputs/exit_status.py env WEFT_SEED=0x2a %weft run -race -DLOCKED %s %S/Inputs/run_worker.c first 2>&1 | FileCheck %s
// RUN: %python %S/Inputs/exit_status.py %weft run -race -DLOCKED %s %S/Inputs/run_worker.c %S/Inputs/run_cxx_part.cpp cxx 2>&1 | FileCheck %s --check-prefix=CXX
// CHECK-NOT: WARNING: weft
// CHECK: counter 200 args: first
// CHECK: exit status: 0
// CXX: counter 200 args: cxx, 6 from C++
// CXX: exit status: 0

#include "run_several_sources_race.c"
