// The twin of handler_spoils_errno.c: the handler makes the same failing
// call but saves errno first and restores it, as a handler must.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: errno after: 0, handled 2

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static atomic_int handled; // lock-free: safe in a handler

static void handler(int sig) {
  int saved = errno;
  close(-1);
  atomic_fetch_add(&handled, 1);
  errno = saved;
}

static pthread_t main_thread;

// Another thread sends the signals: a signal a thread sends itself (raise)
// is synchronous to TSan, which checks errno only in asynchronous ones.
static void *sender(void *arg) {
  for (int i = 0; i < 2; ++i) {
    pthread_kill(main_thread, SIGUSR1);
    while (atomic_load(&handled) <= i)
      sched_yield();
  }
  return NULL;
}

int main(void) {
  main_thread = pthread_self();
  signal(SIGUSR1, handler);
  pthread_t t;
  pthread_create(&t, NULL, sender, NULL);
  errno = 0;
  while (atomic_load(&handled) < 2)
    sched_yield();
  int after = errno;
  pthread_join(t, NULL);
  printf("errno after: %d, handled %d\n", after, atomic_load(&handled));
  return 0;
}
