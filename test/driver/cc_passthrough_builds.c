// Without -race, weft cc really compiles and links, like clang.
// RUN: %weft cc %s -o %t
// RUN: %t | FileCheck %s
// CHECK: built by weft cc
#include <stdio.h>
int main(void) {
  puts("built by weft cc");
  return 0;
}
