// malloc and free in a handler of an asynchronous signal: glibc's allocator
// may hold its lock in the code the signal interrupted. Reported as TSan
// reports it ("signal-unsafe call inside of a signal"), with the allocator
// on top of the handler's stack. Its twin uses a static buffer:
// handler_no_malloc.c.
// EXPECT: signal-unsafe
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x1 %expect-exit 66 %t 2>&1 | FileCheck %s

// CHECK:      WARNING: weft: signal-unsafe call inside of a signal
// CHECK-NEXT:   Call by main thread inside a handler of an asynchronous signal:
// CHECK-NEXT:     #0 malloc
// CHECK-NEXT:     #1 handler {{.*}}handler_malloc.c:[[@LINE+12]]
// CHECK:      SUMMARY: weft: signal-unsafe call inside of a signal {{.*}}handler_malloc.c:[[@LINE+11]]{{.*}} in handler
// CHECK:      handled 1

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static volatile sig_atomic_t handled;
static void *volatile kept;

static void handler(int sig, siginfo_t *info, void *ctx) {
  char *p = malloc(16); // L:malloc
  p[0] = 1;
  kept = p;
  handled = 1;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGPROF, &sa, NULL);
  raise(SIGPROF);
  free(kept);
  printf("handled %d\n", (int)handled);
  return 0;
}
