// sigsuspend waits in weft's scheduler with the mask it is given: main
// blocks SIGUSR1 and SIGUSR2 and suspends with a mask that still blocks
// SIGUSR2. T1 sends SIGUSR2 (it stays pending: it does not end the wait),
// then SIGUSR1, which does: its handler runs with sigsuspend's mask, and
// sigsuspend returns -1 with EINTR and the old mask back. Once main unblocks
// SIGUSR2 its handler runs. A SIGUSR1 sent before main suspends stays
// pending in the mask and ends sigsuspend at once, as in the kernel.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 30 --seed 6 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 30 schedules, 0 failed
// CHECK:      usr1 handler (usr2 blocked in it: 1)
// CHECK-NEXT: sigsuspend=-1 EINTR=1 usr2 handled yet=0 usr1 blocked again=1
// CHECK-NEXT: usr2 handler
// CHECK-NEXT: done

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_t main_thread;
static volatile sig_atomic_t usr2_handled;

static void on_usr1(int sig) {
  sigset_t now;
  pthread_sigmask(SIG_BLOCK, 0, &now);
  // Only async-signal-safe calls here: write, not printf.
  const char *m = sigismember(&now, SIGUSR2) ? "usr1 handler (usr2 blocked in it: 1)\n"
                                             : "usr1 handler (usr2 blocked in it: 0)\n";
  write(1, m, strlen(m));
}
static void on_usr2(int sig) {
  usr2_handled = 1;
  write(1, "usr2 handler\n", 13);
}

static void *sender(void *arg) {
  pthread_kill(main_thread, SIGUSR2);
  pthread_kill(main_thread, SIGUSR1);
  return 0;
}

int main(void) {
  main_thread = pthread_self();
  signal(SIGUSR1, on_usr1);
  signal(SIGUSR2, on_usr2);
  sigset_t both, wait_mask;
  sigemptyset(&both);
  sigaddset(&both, SIGUSR1);
  sigaddset(&both, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &both, 0);
  sigemptyset(&wait_mask);
  sigaddset(&wait_mask, SIGUSR2);
  pthread_t t;
  pthread_create(&t, 0, sender, 0);
  int r = sigsuspend(&wait_mask);
  int e = errno;
  sigset_t now;
  pthread_sigmask(SIG_BLOCK, 0, &now);
  printf("sigsuspend=%d EINTR=%d usr2 handled yet=%d usr1 blocked again=%d\n", r, e == EINTR,
         (int)usr2_handled, sigismember(&now, SIGUSR1));
  fflush(stdout);
  pthread_join(t, 0);
  pthread_sigmask(SIG_UNBLOCK, &both, 0);
  printf("done\n");
  return 0;
}
