// The twin of futex_handoff_norace.c: the data is written after the wake.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'data'

#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned word;
int data;

static void *waiter(void *arg) {
  while (syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0) != 0) {
  }
  return (void *)(long)data;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, waiter, 0);
  while (syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0) == 0)
    sched_yield();
  data = 42;
  pthread_join(t, 0);
  return 0;
}
