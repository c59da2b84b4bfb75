// The race-free twin of test_fork_server_race.c: every schedule passes,
// forked from a fork server or executed.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 200 --seed 0x5eed %t | FileCheck %s
// RUN: %weft test -n 200 --seed 0x5eed -j 2 %t | FileCheck %s
// RUN: %weft test -n 50 --seed 0x5eed --no-fork-server %t | FileCheck %s --check-prefix=EXEC
#include <pthread.h>
#include <stdio.h>

static int Counter;
static pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *Arg) {
  for (int I = 0; I < 10; ++I) {
    pthread_mutex_lock(&M);
    Counter++;
    pthread_mutex_unlock(&M);
  }
  return Arg;
}

int main(void) {
  pthread_t T1, T2;
  pthread_create(&T1, 0, worker, 0);
  pthread_create(&T2, 0, worker, 0);
  pthread_join(T1, 0);
  pthread_join(T2, 0);
  printf("counter %d\n", Counter);
  return 0;
}
// CHECK: weft test: 200 schedules, 0 failed
// EXEC: weft test: 50 schedules, 0 failed
