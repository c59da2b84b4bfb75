// The other modelled cancellation points: a thread blocked in sem_wait or
// sem_timedwait, in pthread_cond_timedwait, in poll on an empty pipe, one
// sleeping in
// nanosleep/sleep/usleep/clock_nanosleep, and one blocked in
// pthread_join of a thread that never ends are all cancelled there (their
// waits are in weft's scheduler, not the kernel), run their cleanup
// handler, and join returns PTHREAD_CANCELED. argv[1] picks the wait.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t sem 2>&1 | FileCheck %s --check-prefixes=CHECK,SEM
// RUN: env WEFT_SEED=1 %t sleep 2>&1 | FileCheck %s --check-prefixes=CHECK,SLEEP
// RUN: env WEFT_SEED=1 %t usleep 2>&1 | FileCheck %s --check-prefixes=CHECK,USLEEP
// RUN: env WEFT_SEED=1 %t nanosleep 2>&1 | FileCheck %s --check-prefixes=CHECK,NANOSLEEP
// RUN: env WEFT_SEED=1 %t clock_nanosleep 2>&1 | FileCheck %s --check-prefixes=CHECK,CLOCK
// RUN: env WEFT_SEED=1 %t join 2>&1 | FileCheck %s --check-prefixes=CHECK,JOIN
// RUN: env WEFT_SEED=1 %t sem_timedwait 2>&1 | FileCheck %s --check-prefixes=CHECK,SEMTIMED
// RUN: env WEFT_SEED=1 %t cond_timedwait 2>&1 | FileCheck %s --check-prefixes=CHECK,CONDTIMED
// RUN: env WEFT_SEED=1 %t poll 2>&1 | FileCheck %s --check-prefixes=CHECK,POLL
// RUN: %weft test -n 20 --seed 3 -- %t poll 2>&1 | FileCheck %s --check-prefix=TEST
// RUN: %weft test -n 20 --seed 3 -- %t sem 2>&1 | FileCheck %s --check-prefix=TEST
// RUN: %weft test -n 20 --seed 3 -- %t join 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING
// SEM: cleanup: sem
// SLEEP: cleanup: sleep
// USLEEP: cleanup: usleep
// NANOSLEEP: cleanup: nanosleep
// CLOCK: cleanup: clock_nanosleep
// JOIN: cleanup: join
// SEMTIMED: cleanup: sem_timedwait
// CONDTIMED: cleanup: cond_timedwait
// POLL: cleanup: poll
// CHECK-NEXT: joined: canceled
// TEST: weft test: 20 schedules, 0 failed

#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static sem_t never_posted;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static const char *wait_kind;

static void say(void *arg) { printf("cleanup: %s\n", (const char *)arg); }
static void unlock_m(void *arg) { pthread_mutex_unlock(&m); }

static void *forever(void *arg) {
  sem_wait(&never_posted); // cancelled by main at the end
  return 0;
}

static void *target(void *arg) {
  pthread_t other;
  pthread_cleanup_push(say, (void *)wait_kind);
  struct timespec far = {0, 0};
  clock_gettime(CLOCK_REALTIME, &far);
  far.tv_sec += 1000;
  if (strcmp(wait_kind, "sem") == 0) {
    sem_wait(&never_posted);
  } else if (strcmp(wait_kind, "sem_timedwait") == 0) {
    sem_timedwait(&never_posted, &far);
  } else if (strcmp(wait_kind, "poll") == 0) {
    int fds[2];
    if (pipe(fds) == 0) {
      struct pollfd p = {fds[0], POLLIN, 0};
      poll(&p, 1, -1); // nobody writes
    }
  } else if (strcmp(wait_kind, "cond_timedwait") == 0) {
    pthread_mutex_lock(&m);
    pthread_cleanup_push(unlock_m, 0);
    for (;;) // nobody signals
      pthread_cond_timedwait(&c, &m, &far);
    pthread_cleanup_pop(1);
  } else if (strcmp(wait_kind, "sleep") == 0) {
    sleep(1000);
  } else if (strcmp(wait_kind, "usleep") == 0) {
    usleep(999999);
  } else if (strcmp(wait_kind, "nanosleep") == 0) {
    struct timespec ts = {1000, 0};
    nanosleep(&ts, 0);
  } else if (strcmp(wait_kind, "clock_nanosleep") == 0) {
    struct timespec ts = {1000, 0};
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, 0);
  } else {
    pthread_create(&other, 0, forever, 0);
    pthread_join(other, 0);
  }
  pthread_cleanup_pop(0);
  printf("not cancelled\n");
  return 0;
}

int main(int argc, char **argv) {
  pthread_t t;
  void *res;
  wait_kind = argc > 1 ? argv[1] : "sem";
  sem_init(&never_posted, 0, 0);
  pthread_create(&t, 0, target, 0);
  pthread_cancel(t);
  pthread_join(t, &res);
  printf("joined: %s\n", res == PTHREAD_CANCELED ? "canceled" : "returned");
  return res == PTHREAD_CANCELED ? 0 : 1;
}
