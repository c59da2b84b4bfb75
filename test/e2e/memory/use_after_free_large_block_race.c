// A 48 KiB buffer is read after its thread freed it, with a megabyte of
// other 48 KiB buffers freed in between: the quarantine (2 MiB by default,
// docs/design.md "Frees are writes") still holds it, so the read is a
// heap-use-after-free although it is ordered after the free. Past the
// bound, the block has left the quarantine and the same read is ordered
// after the free by program order, as under TSan: silent (the twin,
// use_after_free_large_block_norace.c, frees 3 MiB in between). The bound
// is small because a held byte costs about six of peak memory.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=quarantine_size_mb=0 %t 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=WARNING
// OFF: checksum {{[0-9]+}}

// CHECK:      WARNING: weft: heap-use-after-free
// CHECK-NEXT:   Read of size 1 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 peek {{.*}}use_after_free_large_block_race.c:[[@LINE+15]]
// CHECK:        Previous write of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 free
// CHECK:        Location is heap block of size 49152 at 0x{{[0-9a-f]+}} freed by main thread, allocated by main thread:
// CHECK:      SUMMARY: weft: heap-use-after-free {{.*}}use_after_free_large_block_race.c:[[@LINE+11]]{{.*}} in peek
// CHECK:      weft: reported 1 warning

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { Block = 48 << 10 };

// Out of line, so the compiler cannot see the free before the read.
__attribute__((noinline)) static int peek(const char *p) {
  return p[Block / 2];
}

#ifndef FREED_IN_BETWEEN
#define FREED_IN_BETWEEN (1 << 20)
#endif

int main(void) {
  char *buffer = malloc(Block);
  memset(buffer, 7, Block);
  free(buffer);
  // All allocated before any is freed: none can take the buffer's memory,
  // which is held (or, in the twin, leaves only with the last frees).
  enum { Others = FREED_IN_BETWEEN / Block };
  static char *others[Others];
  for (int i = 0; i < Others; i++) {
    others[i] = malloc(Block);
    memset(others[i], i, Block);
  }
  for (int i = 0; i < Others; i++)
    free(others[i]);
  int value = peek(buffer);
  printf("checksum %d\n", value >= 0);
  return 0;
}
