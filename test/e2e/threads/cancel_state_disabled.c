// Cancellation disabled with pthread_setcancelstate holds the cancel back:
// the target's sem_wait is not ended by pthread_cancel; it is woken by a
// post, goes on, and the pending cancel acts at the first cancellation
// point after it enables cancellation again (pthread_testcancel here), not
// before: its progress counter says how far it got.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 30 --seed 9 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING
// CHECK: progress 2, joined: canceled
// TEST: weft test: 30 schedules, 0 failed

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t go, cancelled;
static int progress; // written by the target only; read after the join

static void *target(void *arg) {
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, 0);
  sem_wait(&go); // a cancellation point, but disabled: waits for the post
  progress = 1;
  sem_wait(&cancelled); // main cancelled before this post
  pthread_testcancel(); // still disabled: nothing
  progress = 2;
  pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, 0); // not a cancellation point
  pthread_testcancel();
  progress = 3;
  return 0;
}

int main(void) {
  pthread_t t;
  void *res;
  sem_init(&go, 0, 0);
  sem_init(&cancelled, 0, 0);
  pthread_create(&t, 0, target, 0);
  pthread_cancel(t);
  sem_post(&go);
  sem_post(&cancelled);
  pthread_join(t, &res);
  printf("progress %d, joined: %s\n", progress,
         res == PTHREAD_CANCELED ? "canceled" : "returned");
  return 0;
}
