// The race twin of sigaction_edge_norace.c: the thread writes `config`
// after installing the handler, so the handler's read (run by main's raise)
// is not ordered after the write. sigaction_edge_norace.c is this program
// with ORDERED, which writes `config` before the sigaction.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x4 %expect-exit 66 %t 2>&1 | FileCheck %s

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Read of size {{[14]}} at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 handler {{.*}}sigaction_edge_race.c:[[@LINE+16]]
// CHECK:        Previous write of size {{[14]}} at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 installer {{.*}}sigaction_edge_race.c:[[@LINE+25]]
// CHECK:        Location is global 'config'
// CHECK:      handler saw 42

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>

static int config;
static volatile sig_atomic_t seen;
static atomic_int installed;

static void handler(int sig) { seen = config; } // L:read

static void *installer(void *arg) {
#ifdef ORDERED
  config = 42; // before the sigaction, which orders it before the handler
#endif
  struct sigaction sa = {0};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR1, &sa, NULL);
#ifndef ORDERED
  config = 42; // L:write
#endif
  atomic_store_explicit(&installed, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, installer, NULL);
  while (!atomic_load_explicit(&installed, memory_order_relaxed))
    sched_yield();
  raise(SIGUSR1);
  pthread_join(t, NULL);
  printf("handler saw %d\n", (int)seen);
  return 0;
}
