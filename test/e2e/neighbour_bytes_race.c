// Twin of neighbour_bytes_norace.c: one thread writes a 4-byte field that
// overlaps a byte the other writes (through a union): a race on 1 byte.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=4 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: of size {{[14]}} at

#include <pthread.h>

union Word {
  int whole;
  char bytes[4];
} word;

static void *left(void *arg) {
  word.bytes[3] = 1;
  return 0;
}

static void *right(void *arg) {
  word.whole = 2;
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, left, 0);
  pthread_create(&y, 0, right, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
