// Compiler flags before the source reach clang, after weft's -g -O1.
// RUN: %weft run -DGREETING='"hi"' -O0 %s | FileCheck %s
// CHECK: hi
#include <stdio.h>
int main(void) {
  puts(GREETING);
  return 0;
}
