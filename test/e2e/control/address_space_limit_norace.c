// Twin of address_space_limit_race.c: the same program with the write
// after the join runs silently under `ulimit -v 4194304`, once and under
// `weft test`.
// RUN: %weft-cc %s -o %t
// RUN: sh -c 'ulimit -v 4194304 && WEFT_SEED=1 exec %t' 2>&1 | FileCheck --allow-empty %s
// RUN: sh -c 'ulimit -v 4194304 && exec %weft test -n 20 --seed 1 -- %t' 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: weft
// TEST-NOT: weft: fatal
// TEST: weft test: 20 schedules, 0 failed

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
  pthread_join(t, 0);
  buf[100] = 2;
  free(buf);
  return 0;
}
