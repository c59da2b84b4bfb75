// Every thread in pause() and no signal can come from inside the program
// (no timer armed, nobody left to send one): natively the process would
// hang forever; weft reports a deadlock, as for any wait nothing can end.
// EXPECT: deadlock
// TSAN-DIFFERS: natively (and under TSan) the program hangs until killed; weft reports the deadlock at once
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x1 %expect-exit 67 %t 2>&1 | FileCheck %s
// CHECK:      WARNING: weft: deadlock
// CHECK:      Main thread is waiting to join thread T1:
// CHECK:      Thread T1 is waiting for a signal (pause or sigsuspend):
// CHECK-NEXT:   #0 idle {{.*}}pause_deadlock.c:[[@LINE+8]]

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static void on_usr1(int sig) {}
static void *idle(void *arg) {
  pause();
  return 0;
}

int main(void) {
  signal(SIGUSR1, on_usr1);
  pthread_t t;
  pthread_create(&t, 0, idle, 0);
  pthread_join(t, 0);
  return 0;
}
