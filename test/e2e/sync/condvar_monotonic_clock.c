// pthread_condattr_setclock(CLOCK_MONOTONIC) is honoured by timed waits:
// the deadline is a time on the monotonic clock (virtual, under weft), not
// a realtime one (which it is far below: read as one, it had long passed
// and the wait timed out at once). Signalled before the deadline, the wait
// returns 0 after the signaller's 100 ms; with no signal (argument
// "timeout") it times out after its own 300 ms, not at once. Race-free
// both ways.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x3 %t 2>&1 | FileCheck %s --check-prefix=SIGNALLED --implicit-check-not=WARNING
// RUN: env WEFT_SEED=0x3 %t timeout 2>&1 | FileCheck %s --check-prefix=TIMEOUT --implicit-check-not=WARNING
// RUN: %weft test -n 10 --seed 5 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// SIGNALLED: wait returned 0 after 100 ms, ready 1
// TIMEOUT: wait returned ETIMEDOUT after 300 ms, ready 0
// MANY: weft test: 10 schedules, 0 failed

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static int ready;

static long long monotonic_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void *signaller(void *arg) {
  usleep(100 * 1000);
  pthread_mutex_lock(&mu);
  ready = 1;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&mu);
  return NULL;
}

int main(int argc, char **argv) {
  int signalled = !(argc > 1 && !strcmp(argv[1], "timeout"));
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&cv, &attr);
  pthread_condattr_destroy(&attr);

  pthread_t t;
  if (signalled)
    pthread_create(&t, NULL, signaller, NULL);
  long long start = monotonic_ms();
  struct timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_nsec += 300 * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&mu);
  int rc = 0;
  while (!ready && rc == 0)
    rc = pthread_cond_timedwait(&cv, &mu, &deadline);
  int was_ready = ready;
  pthread_mutex_unlock(&mu);
  long long waited = monotonic_ms() - start;
  if (signalled)
    pthread_join(t, NULL);
  // Round to the 100 ms the test is about (virtual time is exact; a run
  // with real clocks would be a little late).
  printf("wait returned %s after %lld ms, ready %d\n", rc == ETIMEDOUT ? "ETIMEDOUT" : rc ? "error" : "0",
         waited / 100 * 100, was_ready);
  pthread_cond_destroy(&cv);
  return 0;
}
