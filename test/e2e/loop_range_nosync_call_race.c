// A loop that calls a function LLVM proves `nosync` and `willreturn` (a pure
// helper, not inlined) still runs in one epoch, so its sweep is checked once
// as a range before the loop (instrumentation/hoist_loop_checks.ll,
// with_nosync_call). Another thread that writes one element in the middle
// without synchronizing must still be reported, at the loop's line. The
// race-free twin is loop_range_nosync_call_norace.c.
// RUN: %weft-cc -O2 %s -o %t
// RUN: %weft-cc -O2 %s -S -emit-llvm -o - | FileCheck %s --check-prefix=IR
// IR-LABEL: define {{.*}} @sweep(
// IR: call void @__weft_write_range(
// IR: call {{.*}} @mix(
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1:
// CHECK-NEXT: #0 sweep {{.*}}loop_range_nosync_call_race.c:33:
// CHECK: Previous write of size 8 at [[ADDR]] by thread T2:
// CHECK-NEXT: #0 poke {{.*}}loop_range_nosync_call_race.c:42:
// CHECK: Location is heap block of size 8192 at {{.*}} allocated by main thread:
// CHECK: weft: reported 1 warning

#include <pthread.h>
#include <stdlib.h>

enum { N = 1024 };
static long *data;

__attribute__((noinline)) static long mix(long x) {
  return (x * 0x9e3779b97f4a7c15L) ^ (x >> 7);
}

__attribute__((noinline)) static void sweep(long n) {
  for (long i = 0; i < n; ++i)
    data[i] = mix(i);
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
