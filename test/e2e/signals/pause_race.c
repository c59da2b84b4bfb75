// pause() waits in weft's scheduler until a signal is delivered to the
// caller: main pauses, T1 sends SIGUSR1 with pthread_kill until main is
// back; the handler runs on main and pause returns -1 with EINTR. Then main
// reads `shared`, which T1 writes only after it saw main back (through a
// relaxed flag that orders nothing): a race. pause_norace.c is this program
// with ORDERED, where T1 writes before its first pthread_kill, which happens
// before the handler and pause's return. (Before, pause blocked in the
// kernel holding the baton and the run hung.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x3 %expect-exit 66 %t 2>&1 | FileCheck %s

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   {{Read|Write}} of size 8 at 0x{{[0-9a-f]+}} by {{thread T1|main thread}}:
// CHECK:        Location is global 'shared'
// CHECK:      pause=-1 EINTR=1 handler on main=1

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

long shared; // a granule of its own
static pthread_t main_thread;
static atomic_int back;
static volatile sig_atomic_t on_main;

static void on_usr1(int sig) { on_main = pthread_equal(pthread_self(), main_thread); }

static void *sender(void *arg) {
#ifdef ORDERED
  shared = 42;
#endif
  // A signal sent before main is in pause only runs the handler: again.
  while (!atomic_load_explicit(&back, memory_order_relaxed)) {
    pthread_kill(main_thread, SIGUSR1);
    usleep(1000);
  }
#ifndef ORDERED
  shared = 42;
#endif
  return 0;
}

int main(void) {
  main_thread = pthread_self();
  signal(SIGUSR1, on_usr1);
  pthread_t t;
  pthread_create(&t, 0, sender, 0);
  int r = pause();
  int e = errno;
  atomic_store_explicit(&back, 1, memory_order_relaxed);
  volatile long seen = shared;
  printf("pause=%d EINTR=%d handler on main=%d\n", r, e == EINTR, (int)on_main);
#ifdef ORDERED
  printf("shared=%ld\n", seen);
#endif
  pthread_join(t, 0);
  return 0;
}
