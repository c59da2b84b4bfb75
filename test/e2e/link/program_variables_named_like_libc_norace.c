// Twin of program_variables_named_like_libc_race.c: the same globals, the
// updates of `send` under a mutex. It links, runs and stays silent.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: WARNING: weft
// CHECK: send=2 read=1 write=w sleep=2.5
// TEST: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <stdio.h>

int send;
long read = 1;
char write[8] = "w";
double sleep = 2.5;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_mutex_lock(&m);
  send++;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_mutex_lock(&m);
  send++;
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  printf("send=%d read=%ld write=%s sleep=%.1f\n", send, read, write, sleep);
  return 0;
}
