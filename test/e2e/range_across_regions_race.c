// A range that crosses a 4 GiB boundary spans two shadow regions
// (runtime/lib/shadow/shadow.h): the range check maps the second one and goes on
// with the same memo. A byte poked on each side of the boundary by another
// thread is found. Its race-free twin is range_across_regions_norace.c (this
// program with ORDERED).
// EXPECT: race
// TSAN-DIFFERS: TSan's fixed shadow layout has no room for program memory at the address this test maps (it stops with 'mmap at bad address'); weft's shadow follows any layout.
// RUN: %weft-cc %s -o %t
// (Pinned seeds: the poker runs first, so the copy's range check finds
// both races, one in each region.)
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Read of size 8 at 0x[0-9a-f]+ by thread T2:$}}
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Read of size 8 at 0x[0-9a-f]+ by thread T2:$}}
// CHECK: weft: reported 2 warnings

#include "Inputs/poke_and_copy.h"
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

enum { Half = 1 << 16 };
static char *buf;            // 2 * Half bytes around a 4 GiB boundary
static char copied[2 * Half];

// 64 KiB on each side of a 4 GiB boundary that nothing else uses (bits
// 32-48 of an address select its shadow region).
static char *mapAcrossBoundary(void) {
  for (uintptr_t Region = 0x3e00; Region < 0x3e40; ++Region) {
    char *Want = (char *)((Region << 32) - Half);
    void *P = mmap(Want, 2 * Half, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (P == Want)
      return P;
    if (P != MAP_FAILED)
      munmap(P, 2 * Half);
  }
  perror("mmap");
  return 0;
}

static void *poker(void *arg) {
  (void)arg;
  buf[Half - 100] = 1; // below the boundary
  buf[Half + 100] = 1; // above it
  return 0;
}

static void *copier(void *arg) {
  (void)arg;
  memcpy(copied, buf, sizeof(copied));
  return 0;
}

int main(void) {
  buf = mapAcrossBoundary();
  if (!buf)
    return 1;
  memset(buf, 7, 2 * Half);
  pokeThenCopy(poker, copier);
  return copied[0] == 0;
}
