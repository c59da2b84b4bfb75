// A missing suppressions file or a bad line stops the program before main
// with one clear error and exit status 2.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS=suppressions=%t.missing %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: printf 'race:ok\nraces:worker\n' > %t.bad
// RUN: env WEFT_OPTIONS=suppressions=%t.bad %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: printf 'just_a_name\n' > %t.nocolon
// RUN: env WEFT_OPTIONS=suppressions=%t.nocolon %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=NOCOLON
// MISSING: weft: error: suppressions file '{{.*}}.missing': cannot open it
// TYPE: weft: error: suppressions file '{{.*}}.bad' line 2: unknown suppression type 'races'
// NOCOLON: weft: error: suppressions file '{{.*}}.nocolon' line 1: expected 'type:pattern', got 'just_a_name'

int main(void) { return 0; }
