// The pass skips the read of `shared` in bump(): on every path after it
// (one through a call of the nosync function twice()) the same bytes are
// written before anything that may synchronize
// (instrumentation/elide_across_blocks.ll). A reader in another thread
// must still be reported: it races with the write.
// RUN: %weft cc -race -g -O2 %s -o %t
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'shared'
// CHECK: weft: reported 1 warning

#include <pthread.h>

int shared;
volatile int which;

__attribute__((noinline)) static int twice(int v) { return 2 * v + 1; }

static void *bump(void *arg) {
  int v = shared;
  if (which)
    shared = twice(v);
  else
    shared = v + 1;
  return 0;
}

static void *peek(void *arg) { return (void *)(long)*(volatile int *)&shared; }

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, bump, 0);
  pthread_create(&b, 0, peek, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
