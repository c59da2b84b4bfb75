// The positioned calls check their buffers like read and write: preadv
// writes the bytes it returns into the caller's buffers, pwritev and pwrite
// read the bytes they are given. A thread that touches those buffers
// without synchronization races with the call. The calls themselves never
// leave the schedule (a descriptor that can seek never waits for another
// thread), so the run stays replayable: no determinism note.
// RUN: %weft-cc %s -o %t
// RUN: not %weft test -n 200 --seed 1 -- %t preadv 2>&1 | FileCheck %s --check-prefixes=CHECK,PREADV
// RUN: not %weft test -n 200 --seed 1 -- %t pwritev 2>&1 | FileCheck %s --check-prefixes=CHECK,PWRITEV
// RUN: not %weft test -n 200 --seed 1 -- %t pwrite 2>&1 | FileCheck %s --check-prefixes=CHECK,PWRITE
// CHECK-NOT:   weft: note
// CHECK:       WARNING: weft: data race
// PREADV:      Location is global 'inbox' of size 4096
// PWRITEV:     Location is global 'outbox' of size 4096
// PWRITE:      Location is global 'outbox' of size 4096
// CHECK-NOT:   weft: note
// CHECK:       weft test: {{[0-9]+}} schedules, 1 failed

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

char inbox[4096];
char outbox[4096];
static const char *what;

// The other thread: looks at the buffer preadv fills, or writes the one
// pwritev/pwrite reads, while main's call may be under way.
static void *toucher(void *arg) {
  (void)arg;
  if (!strcmp(what, "preadv"))
    return (void *)(long)((volatile char *)inbox)[100];
  ((volatile char *)outbox)[100] = 'y';
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  what = argv[1];
  char path[] = "/tmp/weft-positioned-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    return 3;
  unlink(path);
  memset(outbox, 'x', sizeof(outbox));
  if (write(fd, outbox, sizeof(outbox)) != sizeof(outbox))
    return 4;

  pthread_t t;
  pthread_create(&t, 0, toucher, 0);
  ssize_t n;
  if (!strcmp(what, "preadv")) {
    struct iovec iov[2] = {{inbox, 2048}, {inbox + 2048, 2048}};
    n = preadv(fd, iov, 2, 0);
  } else if (!strcmp(what, "pwritev")) {
    struct iovec iov[2] = {{outbox, 2048}, {outbox + 2048, 2048}};
    n = pwritev(fd, iov, 2, 0);
  } else {
    n = pwrite(fd, outbox, sizeof(outbox), 0);
  }
  pthread_join(t, 0);
  close(fd);
  return n != sizeof(inbox);
}
