// Twin of positioned_io_race.c: the other thread touches the buffers only
// after it is joined, so preadv, pwritev, pwrite and pread race with
// nothing. Then the two ways a long write is decided: 64 KiB written to a
// regular file (never waits: no determinism note) and 64 KiB through a
// pipe to a reader thread (more than PIPE_BUF: the writer must leave the
// schedule until the reader drains the pipe, or the run would hang).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 100 --seed 1 -- %t positioned 2>&1 | FileCheck %s --check-prefixes=CHECK,QUIET
// RUN: %weft test -n 100 --seed 1 -- %t file 2>&1 | FileCheck %s --check-prefixes=CHECK,QUIET
// RUN: %weft test -n 20 --seed 1 -- %t pipe 2>&1 | FileCheck %s --check-prefixes=CHECK
// QUIET-NOT: weft: note
// CHECK-NOT: WARNING: weft
// CHECK:     weft test: {{[0-9]+}} schedules, 0 failed

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define BIG (64 * 1024)

char inbox[4096];
char outbox[4096];
static char big[BIG];
static char drained[BIG];
static int fds[2];

static void *toucher(void *arg) {
  (void)arg;
  return 0;
}

static void *drain(void *arg) {
  (void)arg;
  size_t got = 0;
  while (got < BIG) {
    ssize_t n = read(fds[0], drained + got, BIG - got);
    if (n <= 0)
      return (void *)1;
    got += (size_t)n;
  }
  return 0;
}

static int tempFile(void) {
  char path[] = "/tmp/weft-positioned-XXXXXX";
  int fd = mkstemp(path);
  if (fd >= 0)
    unlink(path);
  return fd;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  pthread_t t;
  if (!strcmp(argv[1], "positioned")) {
    int fd = tempFile();
    memset(outbox, 'x', sizeof(outbox));
    pthread_create(&t, 0, toucher, 0);
    struct iovec out[2] = {{outbox, 2048}, {outbox + 2048, 2048}};
    struct iovec in[2] = {{inbox, 2048}, {inbox + 2048, 2048}};
    int ok = pwritev(fd, out, 2, 0) == 4096 && preadv(fd, in, 2, 0) == 4096 &&
             pwrite(fd, outbox, 100, 4096) == 100 && pread(fd, inbox, 100, 4096) == 100;
    pthread_join(t, 0);
    inbox[0] = outbox[0] = 'z'; // after the join: ordered
    close(fd);
    return !ok;
  }
  if (!strcmp(argv[1], "file")) {
    int fd = tempFile();
    memset(big, 'b', BIG);
    pthread_create(&t, 0, toucher, 0);
    int ok = write(fd, big, BIG) == BIG;
    pthread_join(t, 0);
    close(fd);
    return !ok;
  }
  // pipe: the writer's 64 KiB cannot fit a pipe buffer the reader has not
  // drained yet on every kernel; it must not block holding the schedule.
  if (pipe(fds))
    return 3;
  memset(big, 'p', BIG);
  void *bad = 0;
  pthread_create(&t, 0, drain, 0);
  ssize_t n = write(fds[1], big, BIG);
  pthread_join(t, &bad);
  return n != BIG || bad || memcmp(big, drained, BIG) != 0;
}
