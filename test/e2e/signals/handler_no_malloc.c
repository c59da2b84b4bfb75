// The twin of handler_malloc.c: the handler fills a static buffer instead
// of allocating one, and main allocates and frees outside it.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: handled 1, buffer 1

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static volatile sig_atomic_t handled;
static char buffer[16];

static void handler(int sig, siginfo_t *info, void *ctx) {
  buffer[0] = 1;
  handled = 1;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGPROF, &sa, NULL);
  char *p = malloc(16);
  raise(SIGPROF);
  free(p);
  printf("handled %d, buffer %d\n", (int)handled, buffer[0]);
  return 0;
}
