// alarm() runs on the virtual clock and weft delivers SIGALRM, not the
// kernel: alarm(100) and a busy loop on the flag its handler sets finish
// at once in wall time (a lone thread that reads the same unchanged flag
// over and over is waiting for the handler: virtual time jumps to the
// alarm), and the program sees 100 s pass. No real timer is armed: the
// kernel's ITIMER_REAL stays zero while getitimer shows the alarm.
// TSAN-DIFFERS: natively (and under TSan) the program busy-waits 100 s of wall time and compare-with-tsan's timeout kills it; under weft the 100 s are virtual
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK:      armed: weft says 100 s left: 1, kernel timer armed: 0
// CHECK-NEXT: SIGALRM on main after 100 s
// CHECK-NEXT: alarm(0) after it fired: 0

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t fired;
static pthread_t main_thread;
static volatile sig_atomic_t on_main;

static void on_alarm(int sig) {
  on_main = pthread_equal(pthread_self(), main_thread);
  fired = 1;
}

int main(void) {
  main_thread = pthread_self();
  signal(SIGALRM, on_alarm);
  time_t start = time(0);
  alarm(100);
  struct itimerval weft_view, kernel_view;
  getitimer(ITIMER_REAL, &weft_view);
  syscall(SYS_getitimer, ITIMER_REAL, &kernel_view);
  printf("armed: weft says 100 s left: %d, kernel timer armed: %d\n",
         weft_view.it_value.tv_sec >= 99 && weft_view.it_value.tv_sec <= 100,
         kernel_view.it_value.tv_sec != 0 || kernel_view.it_value.tv_usec != 0);
  while (!fired)
    ;
  printf("SIGALRM on %s after %ld s\n", on_main ? "main" : "another thread",
         (long)(time(0) - start));
  printf("alarm(0) after it fired: %u\n", alarm(0));
  return 0;
}
