// A signal sent to a chosen thread (pthread_kill) runs its handler on that
// thread, as itself: pthread_self, gettid and its TLS are the target's, in
// both thread_switch modes (with user, the target goes back to its own OS
// thread to take it, since the kernel delivers it there).
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user WEFT_SEED=0x3 %t | FileCheck %s --check-prefix=OUT
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed
// OUT: handler ran on the target: yes

#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static __thread int Who = -1;
static pthread_t Target;
static pid_t TargetTid;
static atomic_int Ready, Done;
static volatile sig_atomic_t HandlerOk = -1;

static void onUsr1(int Sig) {
  (void)Sig;
  HandlerOk = pthread_equal(pthread_self(), Target) && gettid() == TargetTid && Who == 1;
  atomic_store(&Done, 1);
}

static void *target(void *Arg) {
  (void)Arg;
  Who = 1;
  TargetTid = gettid();
  atomic_store(&Ready, 1);
  while (!atomic_load(&Done)) // scheduling points: the handler runs at one
    sched_yield();
  return 0;
}

static void *other(void *Arg) {
  (void)Arg;
  Who = 2;
  for (int I = 0; I < 20; ++I)
    sched_yield();
  return 0;
}

int main(void) {
  signal(SIGUSR1, onUsr1);
  pthread_t O;
  pthread_create(&Target, 0, target, 0);
  pthread_create(&O, 0, other, 0);
  while (!atomic_load(&Ready))
    sched_yield();
  pthread_kill(Target, SIGUSR1);
  pthread_join(Target, 0);
  pthread_join(O, 0);
  printf("handler ran on the target: %s\n", HandlerOk == 1 ? "yes" : "no");
  return HandlerOk == 1 ? 0 : 1;
}
