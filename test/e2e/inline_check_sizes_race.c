// Aligned accesses of 1, 2, 4 and 8 bytes are checked inline by the pass
// (InlineFastPaths.cpp): the thread's slot base against the granule's
// first slot. A write of 2 bytes at offset 2 and of 8 bytes racing with
// another thread's reads are still reported, with the right sizes; the
// worker's reads back of its own writes are found already recorded inline;
// a write to a neighbour byte is no race. The race-free twin is
// inline_check_sizes_norace.c (this program with ORDERED).
// EXPECT: race
// RUN: %weft-cc -O2 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -O0 %s -o %t.O0
// RUN: env WEFT_SEED=1 %expect-exit 66 %t.O0 2>&1 | FileCheck %s
// RUN: not %weft test -n 30 --seed 7 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Write of size 2 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK: {{^  Previous read of size 2 at 0x[0-9a-f]+ by main thread:$}}
// CHECK: Location is global 'shared' of size 16
// CHECK: SUMMARY: weft: data race {{.*}}inline_check_sizes_race.c:[[#C_LINE:]]:{{[0-9]+}} in worker
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Write of size 8 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK: {{^  Previous read of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK: Location is global 'shared' of size 16
// CHECK: SUMMARY: weft: data race {{.*}}inline_check_sizes_race.c:[[#C_LINE+2]]:{{[0-9]+}} in worker
// CHECK-NOT: WARNING: weft
// CHECK: weft: reported 2 warnings
// EXPLORE: data race at {{.*}}inline_check_sizes_race.c
// EXPLORE: weft test: 1 schedules, 1 failed

#include <pthread.h>
#include <stdint.h>

struct Fields {
  uint8_t a, b;
  uint16_t c;
  uint32_t d;
  uint64_t e;
};
struct Fields shared;

// In a function of its own, so that neither the optimizer (-O2) nor the
// pass's repeat elision (-O0) drops the reads: each is checked, and found
// already recorded by the inline check.
__attribute__((noinline)) static uintptr_t readBack(const struct Fields *F) {
  return F->b + F->c + F->d + F->e;
}

static void *worker(void *arg) {
  (void)arg;
  // Each field written, then read back.
  shared.b = 1;
  shared.c = 2;
  shared.d = 3;
  shared.e = 4;
  return (void *)readBack(&shared);
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef ORDERED
  pthread_join(t, 0);
#endif
  shared.a = 5; // a neighbour byte: never a race
  uint64_t seen = ((volatile struct Fields *)&shared)->c + ((volatile struct Fields *)&shared)->e;
#ifndef ORDERED
  pthread_join(t, 0);
#endif
  return seen == 42;
}
