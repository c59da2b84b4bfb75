// A run whose schedule depended on when a system call returned says so at
// exit, naming the first such call; a run where no thread could have run
// meanwhile (the read finds its data) says nothing.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t block 2>&1 | FileCheck %s --check-prefix=NOTE
// RUN: env WEFT_SEED=1 %t ready 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// NOTE: weft: note: this run blocked in system calls between threads (read on fd [[FD:[0-9]+]]), so its schedule may not replay exactly
// QUIET-NOT: weft: note

#include <pthread.h>
#include <string.h>
#include <unistd.h>

static int fds[2];

static void *writer(void *arg) {
  usleep(1000);
  write(fds[1], "w", 1);
  return 0;
}

int main(int argc, char **argv) {
  if (pipe(fds) != 0)
    return 2;
  char c;
  if (argc > 1 && !strcmp(argv[1], "ready")) {
    write(fds[1], "r", 1);
    read(fds[0], &c, 1);
    return 0;
  }
  pthread_t t;
  pthread_create(&t, 0, writer, 0);
  read(fds[0], &c, 1);
  pthread_join(t, 0);
  return 0;
}
