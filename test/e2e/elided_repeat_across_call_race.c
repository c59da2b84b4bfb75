// The pass checks only the first of the two reads of `flag` in reader():
// between them there is a branch and a call of twice(), which LLVM proves
// nosync, so no new epoch can start (instrumentation/elide_across_blocks.ll).
// A writer in another thread still races with the reads and is reported.
// RUN: %weft cc -race -g -O2 %s -o %t
// RUN: env WEFT_SEED=4 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'flag'
// CHECK: weft: reported 1 warning

#include <pthread.h>

int flag;
volatile int which;

__attribute__((noinline)) static int twice(int v) { return 2 * v; }

static void *reader(void *arg) {
  int a = *(volatile int *)&flag;
  int b = which ? twice(a) : a;
  int c = *(volatile int *)&flag;
  return (void *)(long)(b + c);
}

static void *writer(void *arg) {
  flag = 1;
  return 0;
}

int main(void) {
  pthread_t r, w;
  pthread_create(&r, 0, reader, 0);
  pthread_create(&w, 0, writer, 0);
  pthread_join(r, 0);
  pthread_join(w, 0);
  return 0;
}
