// Memory intrinsics whose length is known only at run time become calls of
// the runtime's __weft_memset/__weft_memcpy/__weft_memmove (the pass's
// instrumentMemIntrinsic) instead of reaching libc through weft's
// interceptors: each range is still checked, once, at the caller's line,
// and the operation is still done.
// Its race-free twin is mem_runtime_length_norace.c (this program with
// ORDERED).
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -O2 %s -o %t.O2
// RUN: env WEFT_SEED=1 %expect-exit 66 %t.O2 2>&1 | FileCheck %s
// The memset's write (checked in 8-byte granules) against main's read:
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Write of size 8 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK-NEXT: {{^    #0 worker .*mem_runtime_length_race.c:42:}}
// CHECK: {{^  Previous read of size 1 at 0x[0-9a-f]+ by main thread:$}}
// CHECK: Location is global 'dst' of size 64
// CHECK: SUMMARY: weft: data race {{.*}}mem_runtime_length_race.c:42:{{[0-9]+}} in worker
// The memcpy's read of src against main's write:
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Read of size 8 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK-NEXT: {{^    #0 worker .*mem_runtime_length_race.c:43:}}
// CHECK: {{^  Previous write of size 1 at 0x[0-9a-f]+ by main thread:$}}
// CHECK: Location is global 'src' of size 64
// CHECK: SUMMARY: weft: data race {{.*}}mem_runtime_length_race.c:43:{{[0-9]+}} in worker
// CHECK-NOT: WARNING: weft
// CHECK: weft: reported 2 warnings

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

char dst[64], msg[64];
char src[64] = "0123456789abcdefghijklmnopqrstuvwxyz";
volatile size_t len = 64;
volatile int fill = 'x';

static void *worker(void *arg) {
  (void)arg;
  memset(dst, fill, len);
  memcpy(msg, src, len);
  memmove(msg + 1, msg, len - 1);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef ORDERED
  pthread_join(t, 0);
#endif
  int seen = ((volatile char *)dst)[10];
  ((volatile char *)src)[40] = 'y';
#ifndef ORDERED
  pthread_join(t, 0);
#endif
  // The work was done: dst filled, msg copied from src, then shifted by one.
  if (dst[0] != 'x' || dst[63] != 'x' || msg[1] != '0' || msg[2] != '1' || msg[11] != 'a')
    abort();
  return seen == 0x7f;
}
