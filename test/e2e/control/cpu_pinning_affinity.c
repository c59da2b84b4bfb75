// weft runs every program thread on one CPU (pin_cpu=1, the default), but
// the program sees its own affinity: sched_getaffinity and
// pthread_getaffinity_np report the mask it started with or last set, and
// children started with system/popen/posix_spawn/exec get that mask, not
// weft's pin. The same program built natively prints the same lines.
// RUN: %weft-cc %s -o %t
// RUN: %clang -O1 %s -o %t.native
// RUN: %t.native > %t.expected
// RUN: %t > %t.weft
// RUN: diff %t.expected %t.weft
// RUN: env WEFT_OPTIONS=pin_cpu=0 %t > %t.floating
// RUN: diff %t.expected %t.floating
// Underneath, the threads do run on one CPU:
// RUN: env PIN_CHECK=1 %t | FileCheck %s --check-prefix=PINNED
// PINNED: kernel mask of a thread: 1 cpu

#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int count(const cpu_set_t *m) { return CPU_COUNT(m); }

static void child_nproc(const char *when) {
  char line[64] = "";
  FILE *p = popen("nproc", "r");
  if (!p || !fgets(line, sizeof line, p))
    abort();
  pclose(p);
  printf("%s: popen nproc = %s", when, line);
  fflush(stdout);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "echo \"%s: system nproc = $(nproc)\"", when);
  if (system(cmd) != 0)
    abort();
  pid_t pid;
  char *argv[] = {"sh", "-c", "echo \"spawned nproc = $(nproc)\"", 0};
  if (posix_spawnp(&pid, "sh", 0, 0, argv, environ) != 0 || waitpid(pid, 0, 0) != pid)
    abort();
  // The exec family, variadic forms included (weft collects their arguments).
  fflush(stdout);
  if ((pid = fork()) == 0) {
    execlp("sh", "sh", "-c", "echo \"execlp nproc = $(nproc)\"", (char *)0);
    _exit(127);
  }
  if (pid < 0 || waitpid(pid, 0, 0) != pid)
    abort();
  if ((pid = fork()) == 0) {
    execle("/bin/sh", "sh", "-c", "echo \"execle nproc = $(nproc)\"", (char *)0, environ);
    _exit(127);
  }
  if (pid < 0 || waitpid(pid, 0, 0) != pid)
    abort();
}

static void *thread_view(void *arg) {
  cpu_set_t m;
  if (pthread_getaffinity_np(pthread_self(), sizeof m, &m) != 0)
    abort();
  printf("thread sees: %d cpus\n", count(&m));
  if (getenv("PIN_CHECK")) {
    // The raw system call is what the kernel enforces.
    CPU_ZERO(&m);
    syscall(SYS_sched_getaffinity, 0, sizeof m, &m);
    printf("kernel mask of a thread: %d cpu\n", count(&m));
  }
  return 0;
}

int main(void) {
  cpu_set_t start;
  if (sched_getaffinity(0, sizeof start, &start) != 0)
    abort();
  printf("started with: %d cpus\n", count(&start));
  fflush(stdout);
  child_nproc("before");
  pthread_t t;
  pthread_create(&t, 0, thread_view, 0);
  pthread_join(t, 0);

  // Narrow the program's own mask to its first CPU: it sees and passes on
  // one CPU; an invalid mask is still refused.
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &start)) {
      CPU_SET(c, &one);
      break;
    }
  cpu_set_t none;
  CPU_ZERO(&none);
  printf("empty mask refused: %d\n", sched_setaffinity(0, sizeof none, &none) != 0);
  if (sched_setaffinity(0, sizeof one, &one) != 0)
    abort();
  cpu_set_t now;
  sched_getaffinity(0, sizeof now, &now);
  printf("after setting one: %d cpus\n", count(&now));
  fflush(stdout);
  child_nproc("after");
  return 0;
}
