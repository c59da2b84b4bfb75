// Timer descriptors run on the virtual clock: a blocking read waits for the
// expiration in virtual time (at once in real time, and the program's clock
// shows the second passed); a periodic timer counts the expirations a
// virtual sleep passed over; an absolute CLOCK_REALTIME expiration is taken
// from the program's (virtual) clock; timerfd_settime returns the old value
// and timerfd_gettime the time left; a disarmed timer reads EAGAIN when
// non-blocking; a timer set by another thread wakes a blocked reader. A
// blocking read is a sleep: it never waits for real (nothing outside the
// program can make a virtual timer expire).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t | FileCheck %s
// CHECK: blocking read=1 clock moved 1s=1
// CHECK: periodic after 1s sleep=10
// CHECK: new value 1s left=1 old interval=100ms=1
// CHECK: abstime read=1 clock moved 5s=1
// CHECK: disarmed gettime=0 read=-1 EAGAIN=1
// CHECK: set by another thread read=1
// EXPECT: norace

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static double mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t read_timer(int fd) {
  uint64_t n = 0;
  if (read(fd, &n, sizeof n) != sizeof n)
    return (uint64_t)-1;
  return n;
}

static int shared_fd;

static void *setter(void *arg) {
  usleep(300000);
  struct itimerspec its = {{0, 0}, {0, 1000}};
  timerfd_settime(shared_fd, 0, &its, 0);
  return 0;
}

int main(void) {
  int fd = timerfd_create(CLOCK_MONOTONIC, 0);
  struct itimerspec one = {{0, 0}, {1, 0}};
  double t0 = mono();
  timerfd_settime(fd, 0, &one, 0);
  uint64_t n = read_timer(fd);
  printf("blocking read=%llu clock moved 1s=%d\n", (unsigned long long)n, mono() - t0 >= 1.0);

  struct itimerspec periodic = {{0, 100000000}, {0, 100000000}};
  timerfd_settime(fd, 0, &periodic, 0);
  usleep(1000000);
  printf("periodic after 1s sleep=%llu\n", (unsigned long long)read_timer(fd));

  usleep(10000);
  struct itimerspec old;
  timerfd_settime(fd, 0, &one, &old);
  struct itimerspec left;
  timerfd_gettime(fd, &left);
  double left_s = left.it_value.tv_sec + left.it_value.tv_nsec / 1e9;
  printf("new value 1s left=%d old interval=100ms=%d\n", left_s > 0.9 && left_s <= 1.0,
         old.it_interval.tv_sec == 0 && old.it_interval.tv_nsec == 100000000);

  int rt = timerfd_create(CLOCK_REALTIME, 0);
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  struct itimerspec abs = {{0, 0}, {now.tv_sec + 5, now.tv_nsec}};
  t0 = mono();
  timerfd_settime(rt, TFD_TIMER_ABSTIME, &abs, 0);
  n = read_timer(rt);
  printf("abstime read=%llu clock moved 5s=%d\n", (unsigned long long)n, mono() - t0 >= 5.0);

  int nb = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  struct itimerspec zero = {{0, 0}, {0, 0}};
  timerfd_settime(nb, 0, &zero, 0);
  timerfd_gettime(nb, &left);
  uint64_t v;
  long r = read(nb, &v, sizeof v);
  printf("disarmed gettime=%ld read=%ld EAGAIN=%d\n", (long)left.it_value.tv_nsec, r, errno == EAGAIN);

  shared_fd = timerfd_create(CLOCK_MONOTONIC, 0);
  pthread_t t;
  pthread_create(&t, 0, setter, 0);
  n = read_timer(shared_fd);
  pthread_join(t, 0);
  printf("set by another thread read=%llu\n", (unsigned long long)n);
  return 0;
}
