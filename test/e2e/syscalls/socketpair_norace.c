// Two threads talk over a socketpair with send/recv, request and reply:
// each side blocks in recv while the other must run. Every schedule
// finishes, and data published before a send is ordered before the recv.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 5 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <sys/socket.h>

static int sv[2];
static int request, reply;

static void *server(void *arg) {
  char c;
  if (recv(sv[1], &c, 1, 0) != 1)
    return (void *)1;
  reply = request + 1;
  return (void *)(send(sv[1], "r", 1, 0) != 1);
}

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return 2;
  pthread_t s;
  pthread_create(&s, 0, server, 0);
  request = 41;
  if (send(sv[0], "q", 1, 0) != 1)
    return 3;
  char c;
  if (recv(sv[0], &c, 1, 0) != 1)
    return 4;
  int r = reply;
  pthread_join(s, 0);
  return r != 42;
}
