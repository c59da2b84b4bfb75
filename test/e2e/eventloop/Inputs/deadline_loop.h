// The event loop the *_deadline tests share, as event-loop libraries write
// it: the next timer deadline comes from CLOCK_MONOTONIC, the wait's timeout
// is what is left until it, and a worker thread posts results through a
// pipe. The including file defines wait_readable(fd, timeout_ms) (1: the fd
// is readable, 0: timed out) with the wait it tests, and RACE for the twin
// whose worker writes a result after posting it.

#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int wait_readable(int fd, int timeout_ms);

static int fds[2];
static int results[4];

static void *worker(void *arg) {
  for (int i = 0; i < 4; i++) {
    usleep(15000);
#ifndef RACE
    results[i] = i * i + 1;
#endif
    if (write(fds[1], &i, sizeof i) != sizeof i)
      return (void *)1;
#ifdef RACE
    results[i] = i * i + 1; // after the post: not published by it
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
  if (pipe(fds) != 0)
    return 2;
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  long long start = mono_ms(), next = start + 10;
  int ticks = 0, got = 0, sum = 0;
  while (ticks < 10 || got < 4) {
    long long now = mono_ms();
    int timeout = next > now ? (int)(next - now) : 0;
    int ready = wait_readable(fds[0], timeout);
    if (ready < 0)
      return 3;
    if (ready) {
      int i;
      if (read(fds[0], &i, sizeof i) != sizeof i)
        return 4;
      sum += results[i];
      got++;
    }
    if (mono_ms() >= next) {
      ticks++;
      next += 10;
    }
  }
  pthread_join(t, 0);
  printf("ticks=%d got=%d sum=%d elapsed>=100ms=%d\n", ticks, got, sum,
         mono_ms() - start >= 100);
  return 0;
}
