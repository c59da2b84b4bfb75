// The twin of mixed_size_atomics_norace.c, built three ways: the upper
// half's publication relaxed (the wide load reads it, but it released
// nothing), the wide store relaxed (the narrow acquire reads it, likewise),
// and the reader acquiring the neighbour flag in the same granule instead
// of the one that was released.
// RUN: %weft-cc -DHI_ORDER=__ATOMIC_RELAXED %S/mixed_size_atomics_norace.c -o %t.hi
// RUN: %expect-exit 1 %weft test -n 40 --seed 5 -- %t.hi 2>&1 | FileCheck %s --check-prefix=HI
// RUN: %weft-cc -DWIDE_ORDER=__ATOMIC_RELAXED %S/mixed_size_atomics_norace.c -o %t.wide
// RUN: %expect-exit 1 %weft test -n 40 --seed 5 -- %t.wide 2>&1 | FileCheck %s --check-prefix=WIDE
// RUN: %weft-cc '-DSIDE_ACQUIRED=Side[0]' %S/mixed_size_atomics_norace.c -o %t.side
// RUN: %expect-exit 1 %weft test -n 40 --seed 5 -- %t.side 2>&1 | FileCheck %s --check-prefix=SIDE
// HI: SUMMARY: weft: data race {{.*}}mixed_size_atomics_norace.c:{{[0-9]+}}:{{[0-9]+}} in waitBoth
// WIDE: SUMMARY: weft: data race {{.*}}mixed_size_atomics_norace.c:{{[0-9]+}}:{{[0-9]+}} in waitUpper
// SIDE: SUMMARY: weft: data race {{.*}}mixed_size_atomics_norace.c:{{[0-9]+}}:{{[0-9]+}} in waitSide
