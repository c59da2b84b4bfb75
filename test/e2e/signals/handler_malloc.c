// malloc and free in a handler of an asynchronous signal: glibc's allocator
// may hold its lock in the code the signal interrupted. Reported as TSan
// reports it ("signal-unsafe call inside of a signal"), with the allocator
// on top of the handler's stack. Its twin, handler_no_malloc.c, is this
// program with ORDERED: the handler uses a static buffer.
// EXPECT: signal-unsafe
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x1 %expect-exit 66 %t 2>&1 | FileCheck %s

// CHECK:      WARNING: weft: signal-unsafe call inside of a signal
// CHECK-NEXT:   Call by main thread inside a handler of an asynchronous signal:
// CHECK-NEXT:     #0 malloc
// CHECK-NEXT:     #1 handler {{.*}}handler_malloc.c:[[@LINE+18]]
// CHECK:      SUMMARY: weft: signal-unsafe call inside of a signal {{.*}}handler_malloc.c:[[@LINE+17]]{{.*}} in handler
// CHECK:      handled 1

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static volatile sig_atomic_t handled;
static void *volatile kept; // the handler's block (with ORDERED, main's)
#ifdef ORDERED
static char buffer[16];
#endif

static void handler(int sig, siginfo_t *info, void *ctx) {
#ifdef ORDERED
  buffer[0] = 1; // a static buffer instead of an allocation
#else
  char *p = malloc(16); // L:malloc
  p[0] = 1;
  kept = p;
#endif
  handled = 1;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGPROF, &sa, NULL);
#ifdef ORDERED
  kept = malloc(16); // allocated and freed outside the handler
#endif
  raise(SIGPROF);
  free(kept);
#ifdef ORDERED
  printf("handled %d, buffer %d\n", (int)handled, buffer[0]);
#else
  printf("handled %d\n", (int)handled);
#endif
  return 0;
}
