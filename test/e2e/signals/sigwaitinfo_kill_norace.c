// sigwaitinfo in a thread, woken by kill() of the whole process from main:
// the kernel would deliver the process signal to the thread waiting for it,
// and so does weft, with main's clock (main's write before kill is ordered
// before the read). The siginfo is the kernel's: si_signo and si_code
// SI_USER (sent by kill).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 40 --seed 7 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %t 2>&1 | FileCheck --check-prefix=RUN1 %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 40 schedules, 0 failed
// RUN1: signo=12 user=1 shared=7
// RUN1-NOT: WARNING: weft

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int shared;
sigset_t set;

static void *waiter(void *arg) {
  siginfo_t info;
  int sig = sigwaitinfo(&set, &info);
  if (sig != SIGUSR2)
    return (void *)1;
  printf("signo=%d user=%d shared=%d\n", info.si_signo, info.si_code == SI_USER, shared);
  return 0;
}

int main(void) {
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &set, 0);
  pthread_t t;
  pthread_create(&t, 0, waiter, 0);
  shared = 7;
  kill(getpid(), SIGUSR2);
  void *ret;
  pthread_join(t, &ret);
  return ret != 0;
}
