// FUTEX_WAKE happens before the return of the FUTEX_WAIT it wakes: here
// that edge is the only synchronization (the futex word is never written),
// and the data written before the wake is visible to the woken thread.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 14 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed
// TSAN-DIFFERS: TSan does not model raw futex waits and wakes, so it reports a false race on data a futex wake orders; weft gives the wake a happens-before edge.

#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned word;
static int data;

static void *waiter(void *arg) {
  while (syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0) != 0) {
  }
  return (void *)(long)(data != 42);
}

int main(void) {
  pthread_t t;
  void *bad;
  pthread_create(&t, 0, waiter, 0);
  data = 42;
  while (syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0) == 0)
    sched_yield();
  pthread_join(t, &bad);
  return bad != 0;
}
