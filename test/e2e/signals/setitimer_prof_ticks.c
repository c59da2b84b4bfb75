// ITIMER_PROF counts CPU time, which under weft is the virtual time the
// program's threads run (a step per scheduling point): SIGPROF ticks come
// at the same points of the same schedule in every run, are delivered by
// weft to the thread its rule picks (main, which does not block SIGPROF,
// even while it waits in pthread_join: the join goes on after the
// handler), and the run finishes the same way each time. Natively the
// kernel picks whichever thread is running, and the counts vary.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x9 %t > %t.1 2>&1
// RUN: FileCheck %s --implicit-check-not=WARNING < %t.1
// RUN: env WEFT_SEED=0x9 %t > %t.2 2>&1 && diff %t.1 %t.2
// RUN: env WEFT_SEED=0x9 %t > %t.3 2>&1 && diff %t.1 %t.3
// RUN: env WEFT_SEED=0x9 %t > %t.4 2>&1 && diff %t.1 %t.4
// RUN: env WEFT_SEED=0x9 %t > %t.5 2>&1 && diff %t.1 %t.5
// RUN: env WEFT_SEED=0x9 %t > %t.6 2>&1 && diff %t.1 %t.6
// RUN: env WEFT_SEED=0x9 %t > %t.7 2>&1 && diff %t.1 %t.7
// RUN: env WEFT_SEED=0x9 %t > %t.8 2>&1 && diff %t.1 %t.8
// RUN: env WEFT_SEED=0x9 %t > %t.9 2>&1 && diff %t.1 %t.9
// RUN: env WEFT_SEED=0x9 %t > %t.10 2>&1 && diff %t.1 %t.10
// RUN: %weft replay 0x9 -- %t > %t.r1 2>&1
// RUN: %weft replay 0x9 -- %t > %t.r2 2>&1 && diff %t.r1 %t.r2
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 20 schedules, 0 failed
// CHECK:      ticks 20, handled on main 20, on workers 0
// CHECK-NEXT: work done {{[0-9]+}}, kernel timer armed: 0

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static atomic_int ticks;
static _Thread_local int is_worker;
static atomic_int on_workers, on_main;
static atomic_long work;

static void on_prof(int sig) {
  atomic_fetch_add_explicit(is_worker ? &on_workers : &on_main, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&ticks, 1, memory_order_relaxed);
}

static void *worker(void *arg) {
  is_worker = 1;
  while (atomic_load_explicit(&ticks, memory_order_relaxed) < 20)
    atomic_fetch_add_explicit(&work, 1, memory_order_relaxed);
  return 0;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_prof;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGPROF, &sa, 0);
  struct itimerval it = {{0, 1000}, {0, 1000}}; // every millisecond of CPU time
  setitimer(ITIMER_PROF, &it, 0);
  struct itimerval kernel_view;
  syscall(SYS_getitimer, ITIMER_PROF, &kernel_view);
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_PROF, &off, 0);
  printf("ticks %d, handled on main %d, on workers %d\n", atomic_load(&ticks),
         atomic_load(&on_main), atomic_load(&on_workers));
  printf("work done %ld, kernel timer armed: %d\n", atomic_load(&work),
         kernel_view.it_value.tv_sec != 0 || kernel_view.it_value.tv_usec != 0);
  return 0;
}
