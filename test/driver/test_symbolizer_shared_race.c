// The runs of one fork server share the symbolizer's answers (issue 12
// item 5): with --keep-going, five schedules print the same race, but only
// the first starts a symbolizer; the other four print the same fully
// symbolized report from the answers it cached. Without a fork server
// every run starts its own. The wrapper below logs each start.
// Its race-free twin is test_symbolizer_shared_norace.c.
// RUN: %weft-cc -g %s -o %t
// RUN: printf '#!/bin/sh\necho started >> "%t.log"\nexec llvm-symbolizer "$@"\n' > %t.symbolizer
// RUN: chmod +x %t.symbolizer
// RUN: rm -f %t.log
// RUN: env WEFT_OPTIONS=symbolizer_path=%t.symbolizer not %weft test -n 5 -j 1 --seed 7 --keep-going %t > %t.fork
// RUN: grep -c started %t.log | FileCheck %s --check-prefix=ONE
// ONE: {{^1$}}
// RUN: FileCheck %s < %t.fork
// RUN: rm -f %t.log
// RUN: env WEFT_OPTIONS=symbolizer_path=%t.symbolizer not %weft test -n 5 -j 1 --seed 7 --keep-going --no-fork-server %t > %t.exec
// RUN: grep -c started %t.log | FileCheck %s --check-prefix=FIVE
// FIVE: {{^5$}}
// The same reports either way, byte for byte (pids and timings aside).
// RUN: sh %S/Inputs/normalize_run.sh %t.fork > %t.fork.body
// RUN: sh %S/Inputs/normalize_run.sh %t.exec > %t.exec.body
// RUN: diff %t.fork.body %t.exec.body
// Every one of the five reports is symbolized (function, file and line) on
// both sides of the race.
// CHECK-COUNT-10: #0 bump {{.*}}test_symbolizer_shared_race.c:[[@LINE+14]]:
// CHECK: weft test: 5 schedules, 5 failed

#include <pthread.h>
#include <stdio.h>

static long counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *bump(void *arg) {
  (void)arg;
#ifdef RACE_FREE
  pthread_mutex_lock(&lock);
#endif
  counter++;
#ifdef RACE_FREE
  pthread_mutex_unlock(&lock);
#endif
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, bump, NULL);
  pthread_create(&b, NULL, bump, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter = %ld\n", counter);
  return 0;
}
