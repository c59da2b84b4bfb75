// Objects compiled with -race need the runtime that only a -race link adds.
// `weft cc` without -race refuses the link in one line that says so, for an
// object and for an archive holding one (regular or thin); objects compiled
// without -race, weft's runtime archive and
// the -race link itself are unaffected, and so is a -shared link (the
// executable brings the runtime).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %weft cc -race -g -O1 -DPART_A -c %s -o %t/a.o
// RUN: %weft cc -race -g -O1 -c %s -o %t/main.o
// RUN: %clang -g -O1 -DPART_A -c %s -o %t/plain_a.o
// RUN: %clang -g -O1 -c %s -o %t/plain_main.o
// RUN: not %weft cc %t/a.o %t/main.o -o %t/prog 2>&1 | FileCheck %s -DT=%t
// CHECK: weft: error: '[[T]]/a.o' was compiled with -race; add -race to the link command (or link with weft-cc / weft-c++)
// CHECK-NOT: undefined reference
// RUN: llvm-ar rcs %t/liba.a %t/a.o
// RUN: not %weft cc %t/plain_main.o %t/liba.a -o %t/prog 2>&1 | FileCheck %s --check-prefix=ARCHIVE -DT=%t
// ARCHIVE: weft: error: '[[T]]/liba.a' was compiled with -race
// RUN: llvm-ar rcsT %t/thin.a %t/a.o
// RUN: not %weft cc %t/plain_main.o %t/thin.a -o %t/prog 2>&1 | FileCheck %s --check-prefix=THIN -DT=%t
// THIN: weft: error: '[[T]]/thin.a' was compiled with -race
// weft's own runtime archive defines the mark: it is not taken for one.
// RUN: %weft cc %t/plain_a.o %t/plain_main.o %libdir/libweft_rt.a -o %t/plain_rt
// RUN: %weft cc -race %t/a.o %t/main.o -o %t/prog && %t/prog | FileCheck %s --check-prefix=OUT
// RUN: weft-cc %t/main.o %t/liba.a -o %t/prog2 && %t/prog2 | FileCheck %s --check-prefix=OUT
// RUN: %weft cc -shared %t/a.o -o %t/liba.so
// RUN: %weft cc %t/plain_a.o %t/plain_main.o -o %t/plain && %t/plain | FileCheck %s --check-prefix=OUT
// RUN: %weft cc -race %t/plain_a.o %t/plain_main.o -o %t/plain_race && %t/plain_race | FileCheck %s --check-prefix=OUT
// OUT: sum 42
#include <stdio.h>
int part(int X);
#ifdef PART_A
int part(int X) { return X * 2; }
#else
int main(void) {
  printf("sum %d\n", part(21));
  return 0;
}
#endif
