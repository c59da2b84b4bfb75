// A consumer waits with poll, then with epoll_wait, for a pipe a producer
// thread fills later: both waits leave the schedule; every schedule ends.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 30 --seed 9 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 30 schedules, 0 failed

#include <poll.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <unistd.h>

static int fds[2];

static void *producer(void *arg) {
  write(fds[1], "a", 1);
  write(fds[1], "b", 1);
  return 0;
}

int main(void) {
  if (pipe(fds) != 0)
    return 2;
  pthread_t p;
  pthread_create(&p, 0, producer, 0);
  struct pollfd pf = {fds[0], POLLIN, 0};
  if (poll(&pf, 1, -1) != 1)
    return 3;
  char c;
  read(fds[0], &c, 1);
  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN, {0}};
  epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
  struct epoll_event out;
  if (epoll_wait(ep, &out, 1, -1) != 1)
    return 4;
  read(fds[0], &c, 1);
  pthread_join(p, 0);
  return c != 'b';
}
