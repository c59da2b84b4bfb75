// A crash on a corrupt stack still gets its report and seed. Here smash()
// overwrites its saved frame pointer, so its caller faults as soon as it
// touches a local; the unwinder, which the crash report consults for
// frames below the program's (crash_in_libc_report.c), would fault on
// that stack too. A fault while unwinding ends the unwind and the report
// goes on with the shadow stack: the caller's line, then main's.
// RUN: %weft-cc -O0 %s -o %t
// RUN: env WEFT_SEED=0x3 %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: crash (SEGV) (pid={{[0-9]+}})
// CHECK-NEXT: Signal SEGV on address 0x{{[0-9a-f]+}} in main thread:
// CHECK-NEXT: #0 caller {{.*}}crash_corrupt_frame_report.c:[[#@LINE+15]]
// CHECK-NEXT: #1 main {{.*}}crash_corrupt_frame_report.c:[[#@LINE+20]]
// CHECK: SUMMARY: weft: crash (SEGV) {{.*}}crash_corrupt_frame_report.c:{{[0-9]+}}:{{[0-9]+}} in caller
// CHECK-NEXT: To reproduce: WEFT_SEED=0x3

#include <stdio.h>

volatile int Sink;

// The saved frame pointer, at 0(%rbp) in a -O0 frame, becomes 64.
__attribute__((noinline)) void smash(void) { __asm__ volatile("movq $64, (%%rbp)" ::: "memory"); }

__attribute__((noinline)) int caller(void) {
  int Local = 5;
  smash();
  Local += 1;
  return Local;
}

int main(void) {
  Sink = 1;
  printf("%d\n", caller());
  return 0;
}
