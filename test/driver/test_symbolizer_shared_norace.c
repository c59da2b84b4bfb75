// The race-free twin of test_symbolizer_shared_race.c: the same program
// with the increment under the lock reports nothing in any schedule, and
// no run starts a symbolizer.
// RUN: %weft-cc -g -DRACE_FREE %S/test_symbolizer_shared_race.c -o %t
// RUN: printf '#!/bin/sh\necho started >> "%t.log"\nexec llvm-symbolizer "$@"\n' > %t.symbolizer
// RUN: chmod +x %t.symbolizer
// RUN: rm -f %t.log
// RUN: env WEFT_OPTIONS=symbolizer_path=%t.symbolizer %weft test -n 20 -j 2 --seed 7 %t | FileCheck %s
// CHECK: weft test: 20 schedules, 0 failed
// RUN: test ! -e %t.log
