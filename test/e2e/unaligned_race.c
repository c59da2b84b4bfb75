// An unaligned 8-byte store straddling two shadow granules races with a
// 1-byte write to its last byte in another thread.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=6 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: of size 1 at

#include <pthread.h>
#include <string.h>

char bytes[32] __attribute__((aligned(8)));

static void *wide(void *arg) {
  unsigned long long v = ~0ull;
  __builtin_memcpy(&bytes[5], &v, sizeof v); // bytes 5..12, crossing 8
  return 0;
}

static void *narrow(void *arg) {
  bytes[12] = 1;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, wide, 0);
  pthread_create(&b, 0, narrow, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
