// A library whose constructor starts a POSIX timer with SIGEV_THREAD: glibc
// starts its helper thread internally, without pthread_create, so the
// thread exists before weft's runtime starts.
#include <signal.h>
#include <time.h>

static void tick(union sigval V) { (void)V; }

__attribute__((constructor)) static void startTimer(void) {
  struct sigevent Ev = {0};
  Ev.sigev_notify = SIGEV_THREAD;
  Ev.sigev_notify_function = tick;
  timer_t T;
  timer_create(CLOCK_MONOTONIC, &Ev, &T);
}
