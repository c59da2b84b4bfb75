// Exit statuses are bytes: an exitcode option outside 0..255 is an error
// before main (exit 2), not a status the shell would see modulo 256
// (exitcode=300 used to exit 44). In range, it is the run's status.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS=exitcode=300 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=RACE
// RACE: weft: error: invalid value for 'exitcode': 'must be in 0..255' in WEFT_OPTIONS
// RACE-NOT: main ran
// RUN: env WEFT_OPTIONS=exitcode=-1 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=RACE
// RUN: env WEFT_OPTIONS=deadlock_exitcode=256 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=DEADLOCK
// DEADLOCK: weft: error: invalid value for 'deadlock_exitcode': 'must be in 0..255'
// RUN: env WEFT_OPTIONS=crash_exitcode=1000 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=CRASH
// CRASH: weft: error: invalid value for 'crash_exitcode': 'must be in 0..255'
// RUN: env WEFT_OPTIONS=diverged_exitcode=-5 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=DIVERGED
// DIVERGED: weft: error: invalid value for 'diverged_exitcode': 'must be in 0..255'
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=exitcode=255 %expect-exit 255 %t race 2>&1 | FileCheck %s --check-prefix=MAX
// MAX: WARNING: weft: data race
// MAX: main ran

#include <pthread.h>
#include <stdio.h>

int Shared;

static void *writer(void *Arg) {
  Shared = 1;
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1) {
    pthread_t T;
    pthread_create(&T, 0, writer, 0);
    Shared = 2;
    pthread_join(T, 0);
  }
  puts("main ran");
  return 0;
}
