// The race-free twin of sarif_race.c: the same program with the increment
// under a mutex. weft test passes, and its SARIF has the run and no result
// (a code-scanning upload then closes earlier alerts).
// RUN: rm -rf %t && mkdir -p %t
// RUN: cd %S && %weft cc -race -g -O1 sarif_norace.c -o %t/prog
// RUN: cd %S && %weft test -n 3 --seed 1 --sarif %t/out.sarif %t/prog > %t/log
// RUN: FileCheck %s < %t/out.sarif
// RUN: %python %S/Inputs/validate_sarif.py %sarif-multitool %t/out.sarif | FileCheck %s --check-prefix=VALID
// VALID: valid SARIF: 0 errors, 0 warnings
// REQUIRES: sarif-multitool
// CHECK: "version": "2.1.0",
// CHECK: "rules": []
// CHECK: "schedules": 3
// CHECK: "results": []
#include <pthread.h>
#include <stdio.h>

static long counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter = %ld\n", counter);
  return 0;
}
