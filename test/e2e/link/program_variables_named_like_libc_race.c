// A program whose globals are named send, read, write and sleep links and
// runs (it failed with "multiple definition of 'send'" against weft's
// interceptors; weft's interceptors are weak, as TSan's are, so the
// program's definitions win). A race on the global `send` is reported and
// named. Its twin, program_variables_named_like_libc_norace.c, is silent.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'send' of size 4
// CHECK: SUMMARY: weft: data race {{.*}}program_variables_named_like_libc_race.c
// CHECK: read=1 write=w sleep=2.5

#include <pthread.h>
#include <stdio.h>

int send;
long read = 1;
char write[8] = "w";
double sleep = 2.5;

static void *worker(void *arg) {
  send++;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  send++;
  pthread_join(t, 0);
  printf("read=%ld write=%s sleep=%.1f\n", read, write, sleep);
  return 0;
}
