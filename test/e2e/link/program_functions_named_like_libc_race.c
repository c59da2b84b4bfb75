// Twin of program_functions_named_like_libc_norace.c: the program's own
// sleep() counts its calls without a lock, and two threads call it: the
// race is in the program's function, which its calls reached (not weft's
// interceptor, which would have slept in virtual time).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: #0 sleep {{.*}}program_functions_named_like_libc_race.c:[[@LINE+8]]
// CHECK: Location is global 'sleeps' of size 4
// CHECK: SUMMARY: weft: data race {{.*}}program_functions_named_like_libc_race.c:{{[0-9]+}}:{{[0-9]+}} in sleep

#include <pthread.h>

int sleeps;

unsigned sleep(unsigned s) { sleeps++; return 0; }

static void *worker(void *arg) {
  sleep(1);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  sleep(1);
  pthread_join(t, 0);
  return 0;
}
