// A thread reads a signalfd for SIGUSR1; main writes `shared`, then sends
// the signal with pthread_kill. The read waits in the scheduler, wakes on
// the send, and returns the kernel's record of the signal; the send orders
// the write before the read of `shared`.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 40 --seed 13 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=6 %t 2>&1 | FileCheck --check-prefix=RUN1 %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 40 schedules, 0 failed
// RUN1: read 128 bytes: signo=10 shared=9
// RUN1-NOT: WARNING: weft

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <unistd.h>

int shared;
int fd;

static void *reader(void *arg) {
  struct signalfd_siginfo si;
  ssize_t n = read(fd, &si, sizeof(si));
  printf("read %zd bytes: signo=%u shared=%d\n", n, si.ssi_signo, shared);
  return n == sizeof(si) ? 0 : (void *)1;
}

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, 0);
  fd = signalfd(-1, &set, SFD_CLOEXEC);
  pthread_t t;
  pthread_create(&t, 0, reader, 0);
  shared = 9;
  pthread_kill(t, SIGUSR1);
  void *ret;
  pthread_join(t, &ret);
  return ret != 0;
}
