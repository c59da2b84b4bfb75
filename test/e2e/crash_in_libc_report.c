// A crash inside libc called from the program (here abort(), as a failed
// check in a library would call it) reports the frames between the crash
// and the program, read from the unwind tables, then the program's own
// frames from the shadow stack: the line that called abort() is named.
// (Without them the report jumped from libc's pthread_kill to main's
// caller.) Exit 68 and the seed, as for any crash.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x5 %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: crash (ABRT) (pid={{[0-9]+}})
// CHECK-NEXT: Signal ABRT in main thread:
// CHECK-NEXT: #0 {{.*}}
// CHECK: {{#[0-9]+}} abort
// CHECK-NEXT: {{#[0-9]+}} give_up {{.*}}crash_in_libc_report.c:[[#@LINE+13]]
// CHECK-NEXT: {{#[0-9]+}} check {{.*}}crash_in_libc_report.c:[[#@LINE+17]]
// CHECK-NEXT: {{#[0-9]+}} main {{.*}}crash_in_libc_report.c:[[#@LINE+20]]
// CHECK: SUMMARY: weft: crash (ABRT)
// CHECK-NEXT: To reproduce: WEFT_SEED=0x5

#include <stdio.h>
#include <stdlib.h>

volatile int Broken = 1;

__attribute__((noinline)) static void give_up(const char *Why) {
  fprintf(stderr, "giving up: %s\n", Why);
  abort();
}

__attribute__((noinline)) static void check(int Ok) {
  if (!Ok)
    give_up("broken");
}

int main(void) {
  check(!Broken);
  return 0;
}
