// Twin of libc_memcpy_race.c: the libc memcpy writes the first half, the
// reader reads the second: no race in any schedule.
// RUN: %weft-cc -fno-builtin %s -o %t
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
