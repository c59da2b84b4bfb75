// Replay holds for event loops: an epoll loop waiting on a pipe two workers
// post to and on a periodic timerfd, with a timeout computed from a
// CLOCK_MONOTONIC deadline, and a race between the workers. Its trace (the
// order in which it saw posts, ticks and deadlines, and how many waits it
// made) and its report depend on the schedule; `weft replay` of one seed
// gives the same output ten times out of ten, with early wake-ups and
// preemptions everywhere (weft test's options). It used to differ from
// replay to replay: the waits ran in real time outside the schedule.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.1 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.2 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.3 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.4 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.5 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.6 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.7 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.8 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.9 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %weft replay 0x5eed -- %t > %t.10 2>&1
// RUN: %python %S/../../replay/Inputs/same_report.py %t.1 %t.2
// RUN: %python %S/../../replay/Inputs/same_report.py %t.1 %t.3
// RUN: %python %S/../../replay/Inputs/same_report.py %t.1 %t.4
// RUN: %python %S/../../replay/Inputs/same_report.py %t.1 %t.5
// RUN: %python %S/../../replay/Inputs/same_report.py %t.1 %t.6
// RUN: %python %S/../../replay/Inputs/same_report.py %t.1 %t.7
// RUN: %python %S/../../replay/Inputs/same_report.py %t.1 %t.8
// RUN: %python %S/../../replay/Inputs/same_report.py %t.1 %t.9
// RUN: %python %S/../../replay/Inputs/same_report.py %t.1 %t.10
// RUN: FileCheck %s < %t.1
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'posted'
// CHECK: got=10 ticks>=10=1 waits={{[0-9]+}} trace={{[abTD]+}}
// CHECK-NOT: weft: note
// The recorded decisions replay strictly too (schedule_out, then
// schedule_in): no divergence, the same output (but for the line that
// says how to reproduce it).
// RUN: env WEFT_SEED=0x5eed WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1 schedule_out=%t.sched' %expect-exit 66 %t > %t.rec 2>&1
// RUN: env WEFT_OPTIONS='early_wakeups=1 schedule_in=%t.sched' %expect-exit 66 %t > %t.rep 2>&1
// RUN: grep -v 'To reproduce' %t.rec > %t.rec.body
// RUN: grep -v 'To reproduce' %t.rep > %t.rep.body
// RUN: %python %S/../../replay/Inputs/same_report.py --ignore-addresses %t.rec.body %t.rep.body
// RUN: FileCheck %s --check-prefix=STRICT < %t.rep
// STRICT-NOT: diverged
// STRICT: got=10 ticks>=10=1
// Explored schedules differ from each other (the trace is not fixed).
// RUN: env WEFT_SEED=0x5eed WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %t > %t.other 2>&1
// RUN: env WEFT_SEED=0x5eee WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %t >> %t.other 2>&1
// RUN: env WEFT_SEED=0x5eef WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' %expect-exit 66 %t >> %t.other 2>&1
// RUN: %python -c "import re,sys; t=re.findall(r'trace=\S+', open(sys.argv[1]).read()); sys.exit(len(set(t)) < 2)" %t.other

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int fds[2];
int posted; // both workers count their posts here, unsynchronized

static void *worker(void *arg) {
  char id = *(char *)arg;
  for (int i = 0; i < 5; i++) {
    usleep(id == 'a' ? 9000 : 13000);
    posted++;
    if (write(fds[1], &id, 1) != 1)
      return (void *)1;
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
  int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  struct itimerspec its = {{0, 7000000}, {0, 7000000}};
  timerfd_settime(tfd, 0, &its, 0);
  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN, {.fd = tfd}};
  epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
  ev.data.fd = fds[0];
  epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
  static char a = 'a', b = 'b';
  pthread_t ta, tb;
  pthread_create(&ta, 0, worker, &a);
  pthread_create(&tb, 0, worker, &b);
  char trace[200];
  int len = 0, got = 0, ticks = 0, waits = 0;
  long long next = mono_ms() + 20;
  while (got < 10 || ticks < 10) {
    long long now = mono_ms();
    struct epoll_event out[4];
    int n = epoll_wait(ep, out, 4, next > now ? (int)(next - now) : 0);
    waits++;
    for (int k = 0; k < n; k++) {
      if (out[k].data.fd == tfd) {
        uint64_t e;
        if (read(tfd, &e, sizeof e) == sizeof e)
          ticks += (int)e;
        if (len < 190)
          trace[len++] = 'T';
      } else {
        char c;
        if (read(fds[0], &c, 1) == 1) {
          got++;
          if (len < 190)
            trace[len++] = c;
        }
      }
    }
    if (mono_ms() >= next) {
      next += 20;
      if (len < 190)
        trace[len++] = 'D';
    }
  }
  trace[len] = 0;
  pthread_join(ta, 0);
  pthread_join(tb, 0);
  printf("got=%d ticks>=10=%d waits=%d trace=%s\n", got, ticks >= 10, waits, trace);
  return 0;
}
