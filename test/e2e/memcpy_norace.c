// Twin of memcpy_race.c: the copier's buffer and the reader's bytes do not
// overlap (first and second half), so there is no race.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 8 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <string.h>

char buffer[64];
static char source[32] = "the quick brown fox";

static void *copier(void *arg) {
  memcpy(buffer, source, 32);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, copier, 0);
  int c = ((volatile char *)buffer)[40];
  pthread_join(t, 0);
  return c;
}
