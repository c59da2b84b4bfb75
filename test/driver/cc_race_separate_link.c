// Objects compiled with `weft cc -race -c` link later with `weft cc -race`.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %weft cc -race -g -O1 -DPART_A -c %s -o %t/a.o
// RUN: %weft cc -race -g -O1 -c %s -o %t/b.o
// RUN: %weft cc -race %t/a.o %t/b.o -o %t/prog
// RUN: %t/prog | FileCheck %s
// CHECK: sum 42
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
