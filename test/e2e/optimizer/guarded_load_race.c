// The race twin of guarded_load_norace.c: the same guarded reads with the
// condition true at run time really read what the writer writes, unordered,
// and are reported at every -O level.
// RUN: %weft-cc -O1 %s -o %t1
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t1 2>&1 | FileCheck %s
// RUN: %weft-cc -O2 %s -o %t2
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t2 2>&1 | FileCheck %s
// RUN: %weft-cc -O3 %s -o %t3
// RUN: env WEFT_SEED=0x15 %expect-exit 66 %t3 2>&1 | FileCheck %s

#include <pthread.h>
#include <stdio.h>

int shared;

__attribute__((noinline)) int pick(int read_it) {
  int r = 0;
  if (read_it)
    r = shared;
  return r;
}

static void *writer(void *arg) {
  shared = 42;
  return NULL;
}

int main(int argc, char **argv) {
  int read_it = argc == 1; // no argument: true, unknown to the optimizer
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  int r = pick(read_it);
  pthread_join(t, NULL);
  printf("r = %d\n", r == 0 || r == 42);
  return 0;
}

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 writer {{.*}}guarded_load_race.c:24:10
// CHECK:        Previous read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 pick {{.*}}guarded_load_race.c:19:9
// CHECK:        Location is global 'shared'
// CHECK:      r = 1
// CHECK:      weft: reported 1 warning
