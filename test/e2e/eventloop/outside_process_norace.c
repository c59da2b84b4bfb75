// A wait for a descriptor only another process makes ready still gets its
// event: when no thread of the program can do anything, the wait is made
// for real. Here a child shell writes to a pipe after 0.2 s (real time)
// while the parent polls it: alone (the scheduler waits for real), and with
// a second thread blocked in a read of another pipe (the poller then waits
// outside the schedule itself, as that read does). Either way the run says
// its schedule may not replay.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t alone 2>&1 | FileCheck %s --check-prefixes=CHECK,ALONE
// RUN: env WEFT_SEED=1 %t with-reader 2>&1 | FileCheck %s --check-prefixes=CHECK,READER
// CHECK-NOT: WARNING: weft
// CHECK: poll=1 got=hi
// READER: reader got=x
// ALONE: weft: note: a wait in this run was ended by an event from outside the program (poll on fd {{[0-9]+}}), so its schedule may not replay exactly
// READER: weft: note: this run blocked in system calls between threads (poll on fd {{[0-9]+}}), so its schedule may not replay exactly

#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int q[2];
static char reader_got;

static void *reader(void *arg) {
  if (read(q[0], &reader_got, 1) != 1)
    return (void *)1;
  return 0;
}

int main(int argc, char **argv) {
  int with_reader = argc > 1 && !strcmp(argv[1], "with-reader");
  int p[2];
  if (pipe(p) != 0 || pipe(q) != 0)
    return 2;
  pthread_t t;
  if (with_reader)
    pthread_create(&t, 0, reader, 0);
  pid_t child = fork();
  if (child == 0) {
    dup2(p[1], 1);
    execl("/bin/sh", "sh", "-c", "sleep 0.2; echo hi", (char *)0);
    _exit(127);
  }
  close(p[1]);
  struct pollfd pf = {p[0], POLLIN, 0};
  int r = poll(&pf, 1, -1);
  char buf[8] = {0};
  if (read(p[0], buf, 2) != 2)
    return 3;
  printf("poll=%d got=%s\n", r, buf);
  waitpid(child, 0, 0);
  if (with_reader) {
    write(q[1], "x", 1);
    pthread_join(t, 0);
    printf("reader got=%c\n", reader_got);
  }
  return 0;
}
