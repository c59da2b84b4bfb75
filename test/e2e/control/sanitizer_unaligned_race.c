// __sanitizer_unaligned_load/store16/32/64, from the sanitizer interface
// header code written for TSan includes, link under weft and are accesses of
// the program: a misaligned store in one thread and an overlapping
// misaligned load in another, unordered, are a data race reported at the
// program's calls.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x3 %expect-exit 66 %t 2>&1 | FileCheck %s

#include <pthread.h>
#include <sanitizer/common_interface_defs.h>
#include <stdint.h>
#include <stdio.h>

static char buf[32];

static void *writer(void *arg) {
  __sanitizer_unaligned_store32(buf + 5, 0x11223344u);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  uint64_t v = __sanitizer_unaligned_load64(buf + 3); // bytes 3..10: overlaps
  pthread_join(t, NULL);
  printf("%d\n", v == 0 || v == 0x1122334400ull << 16);
  return 0;
}

// CHECK:      WARNING: weft: data race
// A misaligned access is reported for its bytes in the first granule of the
// overlap (docs/limits.md): 3 of the store's 4, 5 of the load's 8.
// CHECK-NEXT:   Write of size 3 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 writer {{.*}}sanitizer_unaligned_race.c:17:3
// CHECK:        Previous read of size 5 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}sanitizer_unaligned_race.c:24:16
// CHECK:        Location is global 'buf' of size 32
// CHECK:      1
// CHECK:      weft: reported 1 warning
