// An assertion that fails only under some schedules (the classic lost update)
// is reported with its stack and the seed that reproduces it; exit 68.
// RUN: %weft-cc %s -o %t
// RUN: not %weft test -n 200 --seed 1 -- %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// CHECK: WARNING: weft: assertion failed
// CHECK-NEXT: Assertion 'total == 2' failed at {{.*}}assert_report.c:[[@LINE+22]] in int main(void), in main thread:
// CHECK: SUMMARY: weft: assertion failed
// CHECK: To reproduce: {{.*}}WEFT_SEED=0x{{[0-9a-f]+}}

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

static atomic_int total;

static void *bump(void *arg) {
  int seen = atomic_load(&total);
  atomic_store(&total, seen + 1);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, bump, 0);
  pthread_create(&b, 0, bump, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(total == 2);
  return 0;
}
