// pthread_kill ends a sem_wait with EINTR: T1 blocks in sem_wait (nobody
// ever posts), main sends SIGUSR1 until T1 says it returned, the handler
// runs on T1 and sem_wait returns -1 with EINTR (the handler is installed
// without SA_RESTART, which would restart it: eintr_waits.c). Then T1
// reads `shared`. Here main writes `shared` only after
// that, so nothing orders the write before T1's read: a race.
// eintr_sem_wait_norace.c is this program with ORDERED (the write before
// the first pthread_kill, which happens before the handler and the EINTR
// return). Before, the signal never reached T1 and the run was a deadlock.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x7 %expect-exit 66 %t 2>&1 | FileCheck %s

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   {{Read|Write}} of size 8 at 0x{{[0-9a-f]+}} by {{thread T1|main thread}}:
// CHECK:        Location is global 'shared'
// CHECK:      sem_wait=-1 EINTR=1 handler on T1=1

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static sem_t never;
long shared; // a granule of its own: no neighbour's access evicts T1's read
static pthread_t target;
static atomic_int done, finish;
static volatile sig_atomic_t handled_on_target;

static void on_usr1(int sig) { handled_on_target = pthread_equal(pthread_self(), target); }

static void *waiter(void *arg) {
  int r = sem_wait(&never);
  int e = errno;
  atomic_store_explicit(&done, 1, memory_order_relaxed); // orders nothing
  volatile long seen = shared; // read even when not printed
  printf("sem_wait=%d EINTR=%d handler on T1=%d\n", r, e == EINTR, (int)handled_on_target);
#ifdef ORDERED
  printf("shared=%ld\n", seen);
#endif
  // Alive until main wrote (a relaxed flag orders nothing).
  while (!atomic_load_explicit(&finish, memory_order_relaxed))
    sched_yield();
  return 0;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sa.sa_flags = 0; // no SA_RESTART: sem_wait fails with EINTR
  sigaction(SIGUSR1, &sa, 0);
  sem_init(&never, 0, 0);
  pthread_create(&target, 0, waiter, 0);
#ifdef ORDERED
  shared = 42;
#endif
  // A signal that arrives before T1 is in sem_wait only runs the handler:
  // send again until one interrupts the wait.
  while (!atomic_load_explicit(&done, memory_order_relaxed)) {
    pthread_kill(target, SIGUSR1);
    usleep(1000);
  }
#ifndef ORDERED
  shared = 42;
#endif
  atomic_store_explicit(&finish, 1, memory_order_relaxed);
  pthread_join(target, 0);
  return 0;
}
