// A use after free within one thread, and one ordered after another
// thread's free: freed blocks stay in quarantine (quarantine_size_mb), so
// the free is the previous write of every access to them, by any thread,
// as under TSan. With quarantine_size_mb=0 the memory goes back to glibc at
// once and only accesses not ordered after the free are reported.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x3 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,SAME
// RUN: env WEFT_SEED=0x3 %expect-exit 66 %t joined 2>&1 | FileCheck %s --check-prefixes=CHECK,JOINED
// RUN: env WEFT_SEED=0x3 WEFT_OPTIONS=quarantine_size_mb=0 %t 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=WARNING
// OFF: value {{-?[0-9]+}}

// CHECK:      WARNING: weft: heap-use-after-free
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 peek {{.*}}use_after_free_same_thread_race.c:[[@LINE+18]]
// CHECK:        Previous write of size 8 at 0x{{[0-9a-f]+}} by [[FREER:main thread|thread T1]]:
// CHECK-NEXT:     #0 free
// SAME-NEXT:      #1 main {{.*}}use_after_free_same_thread_race.c:[[@LINE+33]]
// JOINED-NEXT:    #1 release {{.*}}use_after_free_same_thread_race.c:[[@LINE+18]]
// SAME:         Location is heap block of size 16 at 0x{{[0-9a-f]+}} freed by main thread, allocated by main thread:
// JOINED:       Location is heap block of size 16 at 0x{{[0-9a-f]+}} freed by thread T1, allocated by main thread:
// CHECK:      SUMMARY: weft: heap-use-after-free {{.*}}use_after_free_same_thread_race.c:[[@LINE+11]]{{.*}} in peek
// CHECK:      value 7
// CHECK:      weft: reported 1 warning

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Out of line, so the compiler cannot see the free before the read.
__attribute__((noinline)) static int peek(int *p) {
  return p[1]; // L:peek
}

static void *release(void *p) {
  free(p); // L:relfree
  return NULL;
}

int main(int argc, char **argv) {
  int *block = malloc(16);
  block[0] = 1;
  block[1] = 7;
  if (argc > 1 && !strcmp(argv[1], "joined")) {
    // Another thread frees it, and the join orders the free before the read.
    pthread_t t;
    pthread_create(&t, NULL, release, block);
    pthread_join(t, NULL);
  } else {
    free(block); // L:mainfree
  }
  // Other allocations of the same size do not get the block back.
  void *other = malloc(16);
  printf("value %d\n", peek(block));
  free(other);
  return 0;
}
