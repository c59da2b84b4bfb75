// Each thread has its own affinity, as the kernel applied it. Two threads
// set different masks (one CPU; every CPU there could be, which the kernel
// narrows to the CPUs the process may use) and each sees its own, and the
// other's, by handle and by kernel thread id; a thread inherits its
// creator's mask, or takes its creation attributes'; main keeps its own;
// a mask naming no usable CPU is refused. Under weft every thread runs on
// one CPU (cpu_pinning_affinity.c), yet the program prints what it prints
// natively: the outputs are compared.
// RUN: %weft-cc %s -o %t
// RUN: %clang -O1 %s -o %t.native -lpthread
// RUN: %t.native > %t.expected
// RUN: env WEFT_SEED=1 %t > %t.weft
// RUN: diff %t.expected %t.weft
// RUN: env WEFT_SEED=2 %t | diff %t.expected -
// RUN: env WEFT_OPTIONS=pin_cpu=0 %t | diff %t.expected -
// RUN: FileCheck %s --input-file=%t.weft
// CHECK: one-cpu thread sees itself: [[ONE:[0-9]+]]
// CHECK: one-cpu thread by tid: [[ONE]]
// CHECK: all-cpu thread sees itself: [[ALL:[-0-9,]+]]
// CHECK: one-cpu thread sees the other: [[ALL]]
// CHECK: all-cpu thread sees the other: [[ONE]]
// CHECK: all-cpu thread sees the other by tid: [[ONE]]
// CHECK: child of the one-cpu thread: [[ONE]]
// CHECK: created with attributes: [[LAST:[0-9]+]]
// CHECK: main keeps: [[ALL]]
// CHECK: empty mask: refused
// CHECK: mask of no usable cpu: refused
// Underneath, the threads that set a mask, or were created with one, still
// run on weft's one CPU:
// RUN: env PIN_CHECK=1 %t | FileCheck %s --check-prefix=PINNED
// PINNED-COUNT-3: kernel mask of a thread: 1 cpu

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static cpu_set_t start;
static int first_cpu, last_cpu;
static pthread_barrier_t step;
static pthread_t one_thread, all_thread;
static pid_t one_tid;
static char lines[16][128];
static int nlines;

static void note(const char *what, const cpu_set_t *m) {
  char *out = lines[nlines++];
  int n = sprintf(out, "%s: ", what);
  const char *sep = "";
  for (int c = 0; c < CPU_SETSIZE; ++c) {
    if (!CPU_ISSET(c, m))
      continue;
    int e = c;
    while (e + 1 < CPU_SETSIZE && CPU_ISSET(e + 1, m))
      ++e;
    n += e > c ? sprintf(out + n, "%s%d-%d", sep, c, e) : sprintf(out + n, "%s%d", sep, c);
    sep = ",";
    c = e;
  }
}

// The raw system call is what the kernel enforces (weft's pin).
static void kernel_mask(void) {
  if (!getenv("PIN_CHECK"))
    return;
  cpu_set_t k;
  CPU_ZERO(&k);
  syscall(SYS_sched_getaffinity, 0, sizeof k, &k);
  printf("kernel mask of a thread: %d cpu\n", CPU_COUNT(&k));
}

static void *child_view(void *arg) {
  cpu_set_t m;
  pthread_getaffinity_np(pthread_self(), sizeof m, &m);
  note((const char *)arg, &m);
  kernel_mask();
  return NULL;
}

static void *one_cpu(void *arg) {
  cpu_set_t m;
  CPU_ZERO(&m);
  CPU_SET(first_cpu, &m);
  if (pthread_setaffinity_np(pthread_self(), sizeof m, &m) != 0)
    return (void *)1;
  one_tid = (pid_t)syscall(SYS_gettid);
  pthread_barrier_wait(&step); // 1: both have set their masks
  sched_getaffinity(0, sizeof m, &m);
  note("one-cpu thread sees itself", &m);
  sched_getaffinity(one_tid, sizeof m, &m);
  note("one-cpu thread by tid", &m);
  pthread_barrier_wait(&step); // 2
  pthread_barrier_wait(&step); // 3: the other has looked at itself
  pthread_getaffinity_np(all_thread, sizeof m, &m);
  note("one-cpu thread sees the other", &m);
  pthread_barrier_wait(&step); // 4
  pthread_barrier_wait(&step); // 5: the other has looked at this one
  pthread_t c;
  pthread_create(&c, NULL, child_view, "child of the one-cpu thread");
  pthread_join(c, NULL);
  return NULL;
}

static void *all_cpus(void *arg) {
  cpu_set_t m;
  CPU_ZERO(&m);
  for (int c = 0; c < CPU_SETSIZE; ++c)
    CPU_SET(c, &m);
  if (pthread_setaffinity_np(pthread_self(), sizeof m, &m) != 0)
    return (void *)1;
  pthread_barrier_wait(&step); // 1
  pthread_barrier_wait(&step); // 2
  kernel_mask();
  pthread_getaffinity_np(pthread_self(), sizeof m, &m);
  note("all-cpu thread sees itself", &m);
  pthread_barrier_wait(&step); // 3
  pthread_barrier_wait(&step); // 4
  pthread_getaffinity_np(one_thread, sizeof m, &m);
  note("all-cpu thread sees the other", &m);
  sched_getaffinity(one_tid, sizeof m, &m);
  note("all-cpu thread sees the other by tid", &m);
  pthread_barrier_wait(&step); // 5
  return NULL;
}

int main(void) {
  sched_getaffinity(0, sizeof start, &start);
  first_cpu = -1;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &start)) {
      if (first_cpu < 0)
        first_cpu = c;
      last_cpu = c;
    }
  pthread_barrier_init(&step, NULL, 2);
  pthread_create(&one_thread, NULL, one_cpu, NULL);
  pthread_create(&all_thread, NULL, all_cpus, NULL);
  pthread_join(one_thread, NULL);
  pthread_join(all_thread, NULL);

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  cpu_set_t m;
  CPU_ZERO(&m);
  CPU_SET(last_cpu, &m);
  pthread_attr_setaffinity_np(&attr, sizeof m, &m);
  pthread_t t;
  pthread_create(&t, &attr, child_view, "created with attributes");
  pthread_join(t, NULL);

  sched_getaffinity(0, sizeof m, &m);
  note("main keeps", &m);

  // In a fixed order, whatever the order of the threads' steps.
  static const char *order[] = {
      "one-cpu thread sees itself", "one-cpu thread by tid", "all-cpu thread sees itself",
      "one-cpu thread sees the other", "all-cpu thread sees the other",
      "all-cpu thread sees the other by tid", "child of the one-cpu thread",
      "created with attributes", "main keeps"};
  for (unsigned k = 0; k < sizeof order / sizeof *order; ++k)
    for (int i = 0; i < nlines; ++i)
      if (!strncmp(lines[i], order[k], strlen(order[k])) && lines[i][strlen(order[k])] == ':')
        puts(lines[i]);

  CPU_ZERO(&m);
  printf("empty mask: %s\n",
         pthread_setaffinity_np(pthread_self(), sizeof m, &m) == EINVAL ? "refused" : "accepted");
  CPU_ZERO(&m);
  CPU_SET(CPU_SETSIZE - 1, &m); // no machine here has 1024 CPUs
  printf("mask of no usable cpu: %s\n",
         sched_setaffinity(0, sizeof m, &m) != 0 && errno == EINVAL ? "refused" : "accepted");
  return 0;
}
