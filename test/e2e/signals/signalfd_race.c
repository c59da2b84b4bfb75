// Twin of signalfd_norace.c: main writes `shared` after sending the signal,
// so the reader's read of it after its signalfd read is a race.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'shared' of size 4
// CHECK: SUMMARY: weft: data race {{.*}}signalfd_race.c

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <unistd.h>

int shared;
int fd;

static void *reader(void *arg) {
  struct signalfd_siginfo si;
  read(fd, &si, sizeof(si));
  printf("shared=%d\n", shared);
  return 0;
}

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, 0);
  fd = signalfd(-1, &set, SFD_CLOEXEC);
  pthread_t t;
  pthread_create(&t, 0, reader, 0);
  pthread_kill(t, SIGUSR1);
  shared = 9;
  pthread_join(t, 0);
  return 0;
}
