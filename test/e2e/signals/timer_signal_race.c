// A virtual timer's signal goes to the thread weft picks by Linux's rule
// for a process signal (the lowest-numbered thread that does not block it;
// here main blocks SIGALRM, so T1) and its handler runs there. Arming the
// timer happens before its handler runs. Here main writes `config` after
// setitimer, so nothing orders the write before the handler's read on T1:
// a race. timer_signal_norace.c is this program with ORDERED (the write
// before setitimer).
// TSAN-DIFFERS: both report the race; TSan also reports 'signal handler spoils errno' for the handler it runs when pause returns (pause's own EINTR), which this handler does not touch
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x4 %expect-exit 66 %t 2>&1 | FileCheck %s

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   {{Read|Write}} of size 8 at 0x{{[0-9a-f]+}} by {{thread T1|main thread}}:
// CHECK:        Location is global 'config'
// CHECK:      handler on T1: 1, pause=-1 EINTR

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

long config; // a granule of its own
static pthread_t worker;
static volatile sig_atomic_t on_worker;
static volatile long seen;

static void on_alarm(int sig) {
  on_worker = pthread_equal(pthread_self(), worker);
  seen = config;
}

static void *wait_for_it(void *arg) {
  int r = pause(); // SIGALRM is open here only
  printf("handler on T1: %d, pause=%d %s\n", (int)on_worker, r, errno == EINTR ? "EINTR" : "?");
#ifdef ORDERED
  printf("handler saw %ld\n", seen);
#endif
  return 0;
}

int main(void) {
  signal(SIGALRM, on_alarm);
  pthread_create(&worker, 0, wait_for_it, 0); // inherits the open mask
  sigset_t alrm;
  sigemptyset(&alrm);
  sigaddset(&alrm, SIGALRM);
  pthread_sigmask(SIG_BLOCK, &alrm, 0); // so the kernel would pick T1 too
  struct itimerval it = {{0, 0}, {0, 50 * 1000}}; // once, in 50 ms
#ifdef ORDERED
  config = 42;
  setitimer(ITIMER_REAL, &it, 0);
#else
  setitimer(ITIMER_REAL, &it, 0);
  config = 42;
#endif
  pthread_join(worker, 0);
  return 0;
}
