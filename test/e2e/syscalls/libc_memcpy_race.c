// A memcpy that is a real libc call (-fno-builtin: not an intrinsic the pass
// sees) into a shared buffer races with a plain read of the same bytes.
// RUN: %weft-cc -fno-builtin %s -o %t
// RUN: env WEFT_SEED=8 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'buffer' of size 64

#include <pthread.h>
#include <string.h>

char buffer[64];
static char source[64] = "the quick brown fox";

static void *copier(void *arg) {
  memcpy(buffer, source, sizeof(buffer));
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, copier, 0);
  int c = ((volatile char *)buffer)[10];
  pthread_join(t, 0);
  return c == 0x7f;
}
