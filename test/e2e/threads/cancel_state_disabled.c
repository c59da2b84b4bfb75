// Cancellation disabled with pthread_setcancelstate holds the cancel back:
// the target's sem_wait is not ended by pthread_cancel; it is woken by a
// post, goes on, and the pending cancel acts at the first cancellation
// point after it enables cancellation again (pthread_testcancel here), not
// before: its progress counter says how far it got. With the argument
// `async` the thread makes its cancel type asynchronous instead of calling
// pthread_testcancel: enabling cancellation then acts at once, inside
// pthread_setcancelstate, as in glibc. (Natively glibc 2.36 then leaves the
// thread's result unset, so join yields NULL there; weft's thread acts
// through pthread_testcancel and join yields PTHREAD_CANCELED, as POSIX
// says.)
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 30 --seed 9 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING
// RUN: env WEFT_SEED=1 %t async 2>&1 | FileCheck %s --check-prefix=ASYNC
// RUN: %weft test -n 30 --seed 9 -- %t async 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK: progress 3, joined: canceled
// ASYNC-NOT: WARNING
// ASYNC: progress 2, joined: canceled
// TEST: weft test: 30 schedules, 0 failed

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

static sem_t go, cancelled;
static int progress; // written by the target only; read after the join
static int async;

static void *target(void *arg) {
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, 0);
  sem_wait(&go); // a cancellation point, but disabled: waits for the post
  progress = 1;
  sem_wait(&cancelled); // main cancelled before this post
  pthread_testcancel(); // still disabled: nothing
  progress = 2;
  if (async)
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, 0); // still disabled
  pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, 0); // async: acts here
  progress = 3;
  pthread_testcancel(); // deferred: acts here
  progress = 4;
  return 0;
}

int main(int argc, char **argv) {
  pthread_t t;
  void *res;
  async = argc > 1 && strcmp(argv[1], "async") == 0;
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
