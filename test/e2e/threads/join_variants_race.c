// A try join that finds the thread still running (EBUSY) and a timed join
// that times out order nothing: the result read after each races with the
// thread's write. The twin, join_variants_norace.c, reads only after a
// join that succeeded.
//
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
//
// CHECK: tryjoin: EBUSY
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'first_result'
// CHECK: SUMMARY: weft: data race
// CHECK: timedjoin: ETIMEDOUT
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'second_result'
// CHECK: SUMMARY: weft: data race
// CHECK-NOT: WARNING: weft
// CHECK: weft: reported 2 warnings
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int first_result, second_result;
static sem_t go_first, go_second;

static void *first(void *arg) {
  sem_wait(&go_first);
  first_result = 1;
  return arg;
}

static void *second(void *arg) {
  sem_wait(&go_second);
  second_result = 2;
  return arg;
}

int main(void) {
  sem_init(&go_first, 0, 0);
  sem_init(&go_second, 0, 0);
  pthread_t a, b;
  void *r;
  pthread_create(&a, NULL, first, NULL);
  int e = pthread_tryjoin_np(a, &r);
  printf("tryjoin: %s\n", e == EBUSY ? "EBUSY" : "other");
  fflush(stdout);
  sem_post(&go_first);
  usleep(1000);
  printf("first=%d\n", first_result); // races with first()'s write
  fflush(stdout);

  pthread_create(&b, NULL, second, NULL);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += 1;
  e = pthread_timedjoin_np(b, &r, &ts);
  printf("timedjoin: %s\n", e == ETIMEDOUT ? "ETIMEDOUT" : "other");
  fflush(stdout);
  sem_post(&go_second);
  usleep(1000);
  printf("second=%d\n", second_result); // races with second()'s write
  fflush(stdout);

  pthread_join(a, &r);
  pthread_join(b, &r);
  return 0;
}
