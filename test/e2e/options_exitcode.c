// exitcode= changes the status of a run that reported a race; halt_on_error=1
// stops at the first report; log_path= sends reports to a file.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=exitcode=3 %expect-exit 3 %t 2>&1 | FileCheck %s --check-prefix=CODE
// CODE: WARNING: weft: data race
// CODE: after the race
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=halt_on_error=1 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=HALT
// HALT: WARNING: weft: data race
// HALT-NOT: after the race
// RUN: rm -f %t.log.*
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=log_path=%t.log %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=QUIET
// QUIET-NOT: WARNING
// RUN: cat %t.log.* | FileCheck %s --check-prefix=LOG
// LOG: WARNING: weft: data race

#include <pthread.h>
#include <stdio.h>

int shared;

static void *writer(void *arg) {
  shared = 1;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, writer, 0);
  shared = 2;
  pthread_join(t, 0);
  fprintf(stderr, "after the race\n");
  return 0;
}
