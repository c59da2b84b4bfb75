// A 2-D sweep with fixed bounds is checked once, as one range over the
// whole grid, before the outer loop (instrumentation/hoist_loop_checks.ll).
// A write of one cell by another thread must still be reported, at the
// cell's address, in the global.
// RUN: %weft-cc -O2 %s -o %t
// RUN: %weft-cc -O2 %s -S -emit-llvm -o - | FileCheck %s --check-prefix=IR
// IR-LABEL: define {{.*}} @fill(
// IR: call void @__weft_write_range(ptr {{.*}}@grid{{.*}}, i64 32768)
// IR-NOT: call void @__weft_write8
// IR-LABEL: define
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: Write of size 8 at [[ADDR:0x[0-9a-f]+]] by thread T1:
// CHECK-NEXT: #0 fill {{.*}}loop_range_nested_race.c:28:
// CHECK: Previous write of size 8 at [[ADDR]] by thread T2:
// CHECK-NEXT: #0 poke {{.*}}loop_range_nested_race.c:37:
// CHECK: Location is global 'grid' of size 32768 at
// CHECK: weft: reported 1 warning

#include <pthread.h>

enum { Rows = 64, Cols = 64 };
long grid[Rows][Cols];

__attribute__((noinline)) static void fill(long v) {
  for (int r = 0; r < Rows; ++r)
    for (int c = 0; c < Cols; ++c)
      grid[r][c] = v + r * Cols + c;
}

static void *filler(void *arg) {
  fill(7);
  return 0;
}

static void *poke(void *arg) {
  grid[40][7] = -1;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, filler, 0);
  pthread_create(&b, 0, poke, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return grid[0][0] == 7 ? 0 : 1;
}
