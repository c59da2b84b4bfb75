// A second free of a block the quarantine still holds is ignored, as
// docs/design.md says ("Frees are writes"): the block is not handed to
// glibc twice (glibc would abort when the quarantine let it go). The
// block is out of the live-block table after the first free, so the
// second one is recognised by the free's mark in its first granule.
// With quarantine_size_mb=0 nothing is held and glibc sees both frees, as
// without weft (not run: glibc aborts).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: done 3000

#include <stdio.h>
#include <stdlib.h>

int main(void) {
  int *p = malloc(16);
  free(p);
  free(p);
  // Push p out of the quarantine and through glibc's free lists.
  int n = 0;
  for (int i = 0; i < 3000; ++i) {
    int *q = malloc(16);
    free(q);
    ++n;
  }
  printf("done %d\n", n);
  return 0;
}
