// weft run without -race builds and runs the program with its arguments.
// RUN: %weft run %s one 'two words' | FileCheck %s
// CHECK: argc=3 one|two words|
#include <stdio.h>
int main(int argc, char **argv) {
  printf("argc=%d ", argc);
  for (int I = 1; I < argc; ++I)
    printf("%s|", argv[I]);
  printf("\n");
  return 0;
}
