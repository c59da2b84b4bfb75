// A thread that dereferences NULL: weft reports the crash with the thread's
// stack and the seed, then exits with status 68.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=2 %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: crash (SEGV) (pid={{[0-9]+}})
// CHECK-NEXT: Signal SEGV on address 0x0 in thread T1:
// CHECK-NEXT: #0 poke {{.*}}crash_report.c:[[@LINE+9]]
// CHECK: SUMMARY: weft: crash (SEGV) {{.*}}crash_report.c:{{[0-9]+}}:{{[0-9]+}} in poke
// CHECK-NEXT: To reproduce: WEFT_SEED=0x2

#include <pthread.h>
#include <stddef.h>

int *volatile target = NULL;

__attribute__((noinline)) static void poke(void) { *target = 1; }

static void *worker(void *arg) {
  poke();
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  return 0;
}
