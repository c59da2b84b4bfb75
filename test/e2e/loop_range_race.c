// The pass checks the sweep `data[i] = ...` once, as a range, before the
// loop (instrumentation/hoist_loop_checks.ll). Another thread that writes
// one element in the middle without synchronizing must still be reported,
// at the loop's line, with the element's address inside the heap block.
// With -DNOSYNC_CALL each iteration calls a helper LLVM proves `nosync` and
// `willreturn` (not inlined): the loop still runs in one epoch and is still
// one range check (hoist_loop_checks.ll, with_nosync_call); its race-free
// twin is loop_range_nosync_call_norace.c, the plain loop's loop_range_norace.c.
// RUN: %weft-cc -O2 %s -o %t
// RUN: %weft-cc -O2 %s -S -emit-llvm -o - | FileCheck %s --check-prefix=IR
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -O2 -DNOSYNC_CALL %s -o %t.call
// RUN: %weft-cc -O2 -DNOSYNC_CALL %s -S -emit-llvm -o - | FileCheck %s --check-prefixes=IR,IR-CALL
// RUN: env WEFT_SEED=3 %expect-exit 66 %t.call 2>&1 | FileCheck %s
// IR-LABEL: define {{.*}} @sweep(
// IR: call void @__weft_write_range(
// IR-CALL: call {{.*}} @mix(
// CHECK: WARNING: weft: data race
// CHECK-NEXT: Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1:
// CHECK-NEXT: #0 sweep {{.*}}loop_range_race.c:43:
// CHECK: Previous write of size 8 at [[ADDR]] by thread T2:
// CHECK-NEXT: #0 poke {{.*}}loop_range_race.c:52:
// CHECK: Location is heap block of size 8192 at {{.*}} allocated by main thread:
// CHECK: weft: reported 1 warning

#include <pthread.h>
#include <stdlib.h>

enum { N = 1024 };
static long *data;

#ifdef NOSYNC_CALL
__attribute__((noinline)) static long mix(long x) {
  return (x * 0x9e3779b97f4a7c15L) ^ (x >> 7);
}
#define VALUE(i) mix(i)
#else
#define VALUE(i) ((i) * 3)
#endif

__attribute__((noinline)) static void sweep(long n) {
  for (long i = 0; i < n; ++i)
    data[i] = VALUE(i);
}

static void *sweeper(void *arg) {
  sweep(N);
  return 0;
}

static void *poke(void *arg) {
  data[N / 2] = -1;
  return 0;
}

int main(void) {
  data = malloc(N * sizeof(long));
  pthread_t a, b;
  pthread_create(&a, 0, sweeper, 0);
  pthread_create(&b, 0, poke, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  free(data);
  return 0;
}
