// Under an address-space limit of 4 GiB (`ulimit -v 4194304`) a program
// runs and its race is reported: weft reserves shadow for the 32 MiB
// regions the program touches (64 MiB each), not 24 GiB per 4 GiB region,
// which died before main ("cannot reserve shadow memory", exit 1). Its twin
// address_space_limit_norace.c is silent under the same limit;
// address_space_limit_too_low.c is a limit weft cannot run under.
// RUN: %weft-cc %s -o %t
// RUN: %expect-exit 66 sh -c 'ulimit -v 4194304 && WEFT_SEED=1 exec %t' 2>&1 | FileCheck %s
// CHECK-NOT: weft: fatal
// CHECK: WARNING: weft: data race
// CHECK: Location is heap block of size 4096
// CHECK: SUMMARY: weft: data race {{.*}}address_space_limit_race.c

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static char *buf;

static void *worker(void *arg) {
  memset(buf, 1, 4096);
  return 0;
}

int main(void) {
  buf = malloc(4096);
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  buf[100] = 2;
  pthread_join(t, 0);
  free(buf);
  return 0;
}
