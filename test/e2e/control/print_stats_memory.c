// print_stats=1 also says what holds weft's own memory: the sync objects
// alive at exit and the most that were alive at once, among the rest. A
// program releases 1,000 atomics in a block and frees it (their objects go
// with the memory), then 1,500 in a block it keeps: 1,500 alive at exit,
// and never more than 1,500 at once.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=print_stats=1 %t 2>&1 | FileCheck %s
// CHECK: kept 1500
// CHECK-NEXT: weft: stats: steps=
// CHECK-NEXT: weft: stats: memory: sync-objects=1500 peak-sync-objects=1500 shadow-regions={{[1-9][0-9]*}} history-chunks={{[0-9]+}} internal-chunks={{[1-9][0-9]*}} (kept-empty={{[0-9]+}} released={{[0-9]+}}) internal-large-kb={{[0-9]+}}
// Without the option, nothing is printed.
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --check-prefix=QUIET --implicit-check-not=stats
// QUIET: kept 1500

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static atomic_int *released(int n) {
  atomic_int *a = calloc(n, sizeof *a);
  if (!a)
    exit(1);
  for (int i = 0; i < n; ++i)
    atomic_store_explicit(&a[i], i, memory_order_release);
  return a;
}

int main(void) {
  free(released(1000));
  atomic_int *kept = released(1500);
  printf("kept %d\n", atomic_load(&kept[1499]) + 1);
  return 0;
}
