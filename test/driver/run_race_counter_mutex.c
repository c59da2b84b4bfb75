// The mutex-protected twin of examples/counter.c runs silently under -race.
// RUN: %weft run -race %srcroot/examples/counter_mutex.c 2>&1 | FileCheck %s --implicit-check-not=weft
// CHECK: counter = 2000
