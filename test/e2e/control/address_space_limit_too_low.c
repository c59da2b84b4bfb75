// Under an address-space limit too low for weft's shadow (this program
// fills 64 MiB of heap: 128 MiB of shadow and more) the run stops with a
// message that names the limit to raise, and exits 70, weft's own status,
// not one the program could have returned (it exited 1, which `weft test`
// took for the program's). `weft test` names it.
// RUN: %weft-cc %s -o %t
// RUN: %expect-exit 70 sh -c 'ulimit -v 400000 && exec %t' 2>&1 | FileCheck %s
// RUN: %expect-exit 1 sh -c 'ulimit -v 400000 && exec %weft test -n 2 --seed 1 -- %t' 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK: weft: fatal: cannot reserve 64 MiB of address space for shadow memory: the address-space limit (RLIMIT_AS, ulimit -v) is 390 MiB; raise it (weft reserves 64 MiB of shadow for each 32 MiB of address space the program touches)
// CHECK-NOT: filled
// TEST: weft: failure: weft runtime failure with seed

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  size_t n = 64 << 20;
  char *p = malloc(n);
  if (!p)
    return 3;
  memset(p, 1, n);
  printf("filled %d\n", p[n - 1]);
  free(p);
  return 0;
}
