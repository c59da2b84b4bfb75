// The pass skips the read of `shared++` because the write that follows
// covers it (instrumentation/elide_read_before_write.ll). A reader in another
// thread must still be reported: it races with the write.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'shared'
// CHECK: weft: reported 1 warning

#include <pthread.h>

int shared;

static void *bump(void *arg) {
  shared++;
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
