// A crash whose report itself faults still ends with the seed. The program
// overwrites the dynamic linker's list of loaded objects (as a wild write
// into ld.so's data can), then crashes; the report walks that list to name
// the frames' objects (dl_iterate_phdr) and faults in turn. weft then
// writes the one line it can without reading the program's state: which
// faults happened and the seed that replays them, and exits as a crash.
// Twin: crash_report.c (the report of an intact process).
// RUN: %weft-cc -O0 %s -o %t
// RUN: env WEFT_SEED=0x5 %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK: weft: a second fault (SEGV) while reporting a crash (SEGV): {{.*}} corrupt, so it stops here
// CHECK-NEXT: weft: the crash replays with WEFT_SEED=0x5
// CHECK-NOT: weft

#include <link.h>
#include <stdio.h>

volatile int *Nowhere;

int main(void) {
  struct link_map *Main = _r_debug.r_map;
  printf("corrupting the link map\n");
  fflush(stdout);
  Main->l_next = (struct link_map *)16;
  return *Nowhere;
}
