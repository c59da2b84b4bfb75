// Bad WEFT_OPTIONS and WEFT_SEED values stop the program before main with a
// clear message naming the problem, exit status 2.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS=no_such_option=1 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: weft: error: unknown option 'no_such_option' in WEFT_OPTIONS
// RUN: env WEFT_OPTIONS=exitcode=abc %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=VALUE
// VALUE: weft: error: invalid value for 'exitcode': 'abc' in WEFT_OPTIONS
// RUN: env WEFT_OPTIONS=halt_on_error %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=NOVALUE
// NOVALUE: weft: error: option without a value 'halt_on_error' in WEFT_OPTIONS
// RUN: env WEFT_SEED=banana %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=SEED
// SEED: weft: error: invalid value for WEFT_SEED: 'banana'
// RUN: env WEFT_OPTIONS=strategy=telepathy %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=STRATEGY
// STRATEGY: weft: error: invalid value for 'strategy': 'telepathy'
// RUN: env WEFT_OPTIONS=stack_history_mb=0 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=HISTORY
// RUN: env WEFT_OPTIONS=stack_history_mb=16385 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=HISTORY
// HISTORY: weft: error: invalid value for 'stack_history_mb': 'must be in 1..16384'
// RUN: env WEFT_OPTIONS=kept_shadow_mb=-1 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=KEPT
// RUN: env WEFT_OPTIONS=kept_shadow_mb=65537 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=KEPT
// KEPT: weft: error: invalid value for 'kept_shadow_mb': 'must be in 0..65536'
// RUN: env WEFT_OPTIONS=help=1 %expect-exit 0 %t 2>&1 | FileCheck %s --check-prefix=HELP
// HELP: weft runtime options
// HELP: exitcode (int, default 66)
// HELP-NOT: main ran

#include <stdio.h>

int main(void) {
  puts("main ran");
  return 0;
}
