// A server thread blocks in accept and then in read on a Unix socket while
// the main thread connects and writes: accept, connect and read leave the
// schedule. Every schedule finishes.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 30 --seed 7 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 30 schedules, 0 failed

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int listener;
static struct sockaddr_un addr;

static void *server(void *arg) {
  int c = accept(listener, 0, 0);
  if (c < 0)
    return (void *)1;
  char buf[6];
  ssize_t n = read(c, buf, 5);
  close(c);
  return (void *)(long)(n != 5);
}

int main(void) {
  listener = socket(AF_UNIX, SOCK_STREAM, 0);
  addr.sun_family = AF_UNIX;
  snprintf(addr.sun_path, sizeof(addr.sun_path), "/tmp/weft-accept-%d", (int)getpid());
  unlink(addr.sun_path);
  if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(listener, 1) != 0)
    return 2;
  pthread_t s;
  void *rc;
  pthread_create(&s, 0, server, 0);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0)
    return 3;
  if (write(fd, "hello", 5) != 5)
    return 4;
  pthread_join(s, &rc);
  close(fd);
  unlink(addr.sun_path);
  return rc != 0;
}
