// The twin of pthread_kill_deferred_norace.c: the sender writes the note
// after sending, so the handler's read races with it.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'note'
// TSAN-DIFFERS: Relies on weft running the handler at the target's next scheduling point; under TSan (which defers signals to the target's next blocking call) the target spins without one and the run hangs.

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>

int note;
static volatile sig_atomic_t got;
static atomic_int started;

static void handler(int sig) { got = note + 1; }

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
  pthread_kill(t, SIGUSR1);
  note = 5;
  pthread_join(t, 0);
  return 0;
}
