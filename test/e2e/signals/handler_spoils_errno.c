// A handler of an asynchronous signal that changes errno: the code it
// interrupted may be between a failing call and its read of errno. Reported
// as TSan reports it, once per handler, with the handler on top of the
// interrupted stack. Its twin, handler_keeps_errno.c, is this program with
// ORDERED: the handler saves errno and restores it.
// EXPECT: errno
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x1 %expect-exit 66 %t 2>&1 | FileCheck %s

// CHECK:      WARNING: weft: signal handler spoils errno
// CHECK-NEXT:   Signal 10 handler invoked at:
// CHECK-NEXT:     #0 handler {{.*}}handler_spoils_errno.c:[[@LINE+15]]
// CHECK:      SUMMARY: weft: signal handler spoils errno {{.*}}handler_spoils_errno.c:[[@LINE+14]]{{.*}} in handler
// CHECK:      errno after: 0, handled 2
// CHECK:      weft: reported 1 warning

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static atomic_int handled; // lock-free: safe in a handler

static void handler(int sig) { // L:handler
#ifdef ORDERED
  int saved = errno;
#endif
  // A failing call inside the handler sets errno.
  close(-1);
  atomic_fetch_add(&handled, 1);
#ifdef ORDERED
  errno = saved; // as a handler must
#endif
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
