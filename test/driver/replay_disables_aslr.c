// Under weft replay the program's addresses repeat from run to run.
// RUN: %clang %s -o %t
// RUN: %weft replay 1 %t > %t.first
// RUN: %weft replay 1 %t > %t.second
// RUN: diff %t.first %t.second
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  int Local;
  void *Heap = malloc(16);
  printf("%p %p %p\n", (void *)&Local, Heap, (void *)&printf);
  free(Heap);
  return 0;
}
