// The pass checks only the first of two reads of `flag` in one block
// (instrumentation/elide_repeats.ll; -O0 keeps both loads); a writer in another thread still races
// with the reads and is reported.
// RUN: %weft cc -race -g -O0 %s -o %t
// RUN: env WEFT_SEED=4 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'flag'

#include <pthread.h>

int flag;

static void *reader(void *arg) {
  int a = flag;
  int b = flag;
  return (void *)(long)(a + b);
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
