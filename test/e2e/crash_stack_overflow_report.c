// A thread that overflows its stack has no stack left for a crash handler:
// weft gives every scheduled thread an alternate signal stack, so the
// overflow is still reported, named as one, with the recursion's frames,
// the seed and exit 68 (without it the process died silently). The report
// starts at the program's frame, not in whatever code of weft's touched the
// guard page. In a created thread, and (IN_MAIN) in the main thread.
// RUN: %weft-cc -O0 %s -o %t
// RUN: env WEFT_SEED=0x4 %expect-exit 68 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -O0 -DIN_MAIN %s -o %t.main
// RUN: env WEFT_SEED=0x4 %expect-exit 68 %t.main 2>&1 | FileCheck %s --check-prefix=MAIN
// MAIN: Signal SEGV on address 0x{{[0-9a-f]+}} (stack overflow) in main thread:
// MAIN-NEXT: #0 down {{.*}}crash_stack_overflow_report.c
// MAIN: SUMMARY: weft: crash (SEGV) {{.*}}crash_stack_overflow_report.c:{{[0-9]+}}:{{[0-9]+}} in down
// CHECK: WARNING: weft: crash (SEGV) (pid={{[0-9]+}})
// CHECK-NEXT: Signal SEGV on address 0x{{[0-9a-f]+}} (stack overflow) in thread T1:
// CHECK: {{#[0-9]+}} down {{.*}}crash_stack_overflow_report.c:[[#@LINE+9]]
// CHECK: SUMMARY: weft: crash (SEGV) {{.*}}crash_stack_overflow_report.c:{{[0-9]+}}:{{[0-9]+}} in down
// CHECK-NEXT: To reproduce: WEFT_SEED=0x4

#include <pthread.h>
#include <stdio.h>

__attribute__((noinline)) static int down(int N) {
  volatile char Pad[64];
  Pad[0] = (char)N;
  return down(N + 1) + Pad[0];
}

static void *worker(void *Arg) {
  (void)Arg;
  return (void *)(long)down(0);
}

int main(void) {
#ifdef IN_MAIN
  down(0);
#endif
  pthread_attr_t Attr;
  pthread_attr_init(&Attr);
  pthread_attr_setstacksize(&Attr, 256 * 1024);
  pthread_t T;
  pthread_create(&T, &Attr, worker, 0);
  pthread_join(T, 0);
  puts("unreachable");
  return 0;
}
