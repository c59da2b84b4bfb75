// pthread_kill to another scheduled thread: the handler runs on the target
// while it holds the baton (at its next scheduling point), and sending
// happens before the handler.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 15 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed
// TSAN-DIFFERS: Relies on weft running the handler at the target's next scheduling point; under TSan (which defers signals to the target's next blocking call) the target spins without one and the run hangs.

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>

static int note;
static volatile sig_atomic_t got;
static atomic_int started;

static void handler(int sig) {
  if (note == 5) // written by the sender before pthread_kill
    got = 1;
}

static void *target(void *arg) {
  atomic_store(&started, 1);
  while (!got)
    sched_yield();
  return 0;
}

int main(void) {
  pthread_t t;
  signal(SIGUSR1, handler);
  pthread_create(&t, 0, target, 0);
  while (!atomic_load(&started))
    sched_yield();
  note = 5;
  pthread_kill(t, SIGUSR1);
  pthread_join(t, 0);
  return got ? 0 : 1;
}
