// A race on a malloc'ed block names the block, its size and where it was
// allocated.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=5 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK:   Location is heap block of size 16 at 0x{{[0-9a-f]+}} allocated by main thread:
// CHECK-NEXT:     #0 main {{.*}}heap_race.c:[[@LINE+11]]

#include <pthread.h>
#include <stdlib.h>

static void *worker(void *p) {
  ((int *)p)[2] = 7;
  return NULL;
}

int main(void) {
  int *block = malloc(4 * sizeof(int));
  pthread_t t;
  pthread_create(&t, NULL, worker, block);
  block[2] = 3;
  pthread_join(t, NULL);
  free(block);
  return 0;
}
