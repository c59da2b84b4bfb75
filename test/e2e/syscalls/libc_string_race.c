// strlen (a libc call the pass never sees) reads a string that another
// thread writes with strcpy: a race found through both interceptors. The
// report's current access is inside the libc call, attributed to its caller.
// RUN: %weft-cc -fno-builtin %s -o %t
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'name' of size 32
// CHECK: SUMMARY: weft: data race {{.*}}libc_string_race.c

#include <pthread.h>
#include <string.h>

char name[32] = "initial";

static void *renamer(void *arg) {
  strcpy(name, "renamed by the worker");
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, renamer, 0);
  size_t n = strlen(name);
  pthread_join(t, 0);
  return n == 1000;
}
