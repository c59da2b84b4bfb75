// pthread_cancel happens before the cancelled thread's cleanup (weft's rule;
// the cancel request is what the target acts on): what main wrote before
// the cancel, the cleanup handler reads without a race. Here main writes
// `request` after the cancel instead, so the write and the cleanup's read
// are unordered: a race.
// Twin: cancel_before_cleanup_norace.c, this program with ORDERED (main
// writes before the cancel).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'request'
// CHECK: SUMMARY: weft: data race {{.*}}cancel_before_cleanup_race.c

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t never_posted;
int request; // written by main, read by the cleanup
static int answer;

static void cleanup(void *arg) { answer = request + 1; }

static void *target(void *arg) {
  pthread_cleanup_push(cleanup, 0);
  sem_wait(&never_posted);
  pthread_cleanup_pop(0);
  return 0;
}

int main(void) {
  pthread_t t;
  void *res;
  sem_init(&never_posted, 0, 0);
  pthread_create(&t, 0, target, 0);
#ifdef ORDERED
  request = 41;
  pthread_cancel(t);
#else
  pthread_cancel(t);
  request = 41;
#endif
  pthread_join(t, &res);
  printf("answer %d, joined: %s\n", answer,
         res == PTHREAD_CANCELED ? "canceled" : "returned");
  return 0;
}
