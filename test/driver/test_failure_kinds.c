// weft test names a failure by the runtime's exit codes (66 data race,
// 67 deadlock, 68 crash), or by the exit code or signal. (A -race program
// that ends with these statuses itself, without a report, stands in for
// one that reports.)
// RUN: %weft-cc %s -o %t
// RUN: not %weft test -n 1 %t 66 | FileCheck %s --check-prefix=RACE
// RACE: weft: failure: data race with seed 0x
// RUN: not %weft test -n 1 %t 67 | FileCheck %s --check-prefix=DEADLOCK
// DEADLOCK: weft: failure: deadlock with seed 0x
// RUN: not %weft test -n 1 %t 68 | FileCheck %s --check-prefix=CRASH
// CRASH: weft: failure: crash with seed 0x
// RUN: not %weft test -n 1 %t 3 | FileCheck %s --check-prefix=EXIT
// EXIT: weft: failure: exit code 3 with seed 0x
// RUN: not %weft test -n 1 %t abort | FileCheck %s --check-prefix=SIGNAL
// SIGNAL: weft: failure: signal SIGABRT with seed 0x
#include <signal.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
  // Back to the default action, so that abort() ends the process with the
  // signal itself, as a program that handles SIGABRT may (weft's own
  // handler would report a crash, exit 68).
  if (argc > 1 && strcmp(argv[1], "abort") == 0) {
    signal(SIGABRT, SIG_DFL);
    abort();
  }
  return argc > 1 ? atoi(argv[1]) : 0;
}
