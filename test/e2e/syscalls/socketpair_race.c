// Twin of socketpair_norace.c: the server writes its reply value after
// sending, so the client's read of it races.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'reply' of size 4

#include <pthread.h>
#include <sys/socket.h>

static int sv[2];
int reply;

static void *server(void *arg) {
  char c;
  if (recv(sv[1], &c, 1, 0) != 1)
    return (void *)1;
  send(sv[1], "r", 1, 0);
  reply = 42; // after the send
  return 0;
}

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return 2;
  pthread_t s;
  pthread_create(&s, 0, server, 0);
  send(sv[0], "q", 1, 0);
  char c;
  recv(sv[0], &c, 1, 0);
  int r = reply;
  pthread_join(s, 0);
  return r == 7;
}
