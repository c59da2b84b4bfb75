// The epoll event loop the timerfd tests share: a periodic timerfd (10 ms)
// and an eventfd a worker thread posts results to, both in one epoll set,
// waited for with no timeout. The loop records the order in which it saw
// timer ticks (T) and posts (P), and ends after 8 ticks and 4 posts. RACE
// makes the worker write each result after posting it.

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int efd;
static int results[4];

static void *worker(void *arg) {
  for (int i = 0; i < 4; i++) {
    usleep(25000);
#ifndef RACE
    results[i] = i + 1;
#endif
    if (eventfd_write(efd, 1) != 0)
      return (void *)1;
#ifdef RACE
    results[i] = i + 1; // after the post: not published by it
#endif
  }
  return 0;
}

static long long mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(void) {
  efd = eventfd(0, EFD_NONBLOCK);
  int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  struct itimerspec its = {{0, 10000000}, {0, 10000000}};
  if (efd < 0 || tfd < 0 || timerfd_settime(tfd, 0, &its, 0) != 0)
    return 2;
  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN, {.fd = tfd}};
  epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
  ev.data.fd = efd;
  epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
  long long start = mono_ms();
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  char trace[64];
  int len = 0, ticks = 0, got = 0, sum = 0, waits = 0;
  while (ticks < 8 || got < 4) {
    struct epoll_event out[2];
    int n = epoll_wait(ep, out, 2, -1);
    waits++;
    for (int k = 0; k < n; k++) {
      if (out[k].data.fd == tfd) {
        uint64_t expirations;
        if (read(tfd, &expirations, sizeof expirations) != sizeof expirations)
          return 3;
        ticks += (int)expirations;
        if (len < 60)
          trace[len++] = 'T';
      } else {
        eventfd_t posts;
        if (eventfd_read(efd, &posts) != 0)
          return 4;
        for (eventfd_t p = 0; p < posts; p++)
          sum += results[got++];
        if (len < 60)
          trace[len++] = 'P';
      }
    }
  }
  trace[len] = 0;
  pthread_join(t, 0);
  struct itimerspec left;
  timerfd_gettime(tfd, &left);
  printf("ticks>=8=%d got=%d sum=%d waits=%d trace=%s\n", ticks >= 8, got, sum, waits, trace);
  printf("clock moved with the ticks=%d next tick within 10ms=%d\n",
         mono_ms() - start >= 80, left.it_value.tv_sec == 0 && left.it_value.tv_nsec <= 10000000);
  return 0;
}
