// `weft test -j N` gives each job its own CPU through WEFT_PIN_CPU; a run
// pins its threads there when the program may run on it, and otherwise on
// the CPU it starts on. The program re-executes itself with the hint set to
// the last CPU of its mask (not usually where it starts) and to a CPU it may
// not use, and reports where its threads ran.
// RUN: %weft-cc %s -o %t
// RUN: %t | FileCheck %s
// CHECK: hinted: threads on the hinted cpu: 1
// CHECK: bad hint: threads on one cpu: 1

#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void *where(void *arg) {
  *(int *)arg = sched_getcpu();
  return 0;
}

static int kernel_mask_count(void) {
  cpu_set_t m;
  CPU_ZERO(&m);
  syscall(SYS_sched_getaffinity, 0, sizeof m, &m);
  return CPU_COUNT(&m);
}

static void child(const char *what) {
  int cpu = -1;
  pthread_t t;
  pthread_create(&t, 0, where, &cpu);
  pthread_join(t, 0);
  if (!strcmp(what, "hinted"))
    printf("hinted: threads on the hinted cpu: %d\n",
           cpu == atoi(getenv("WEFT_PIN_CPU")) && kernel_mask_count() == 1);
  else
    printf("bad hint: threads on one cpu: %d\n", kernel_mask_count() == 1);
}

static void run(char *self, const char *what, int cpu) {
  char hint[16];
  snprintf(hint, sizeof hint, "%d", cpu);
  setenv("WEFT_PIN_CPU", hint, 1);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    execl(self, self, what, (char *)0);
    _exit(127);
  }
  waitpid(pid, 0, 0);
}

int main(int argc, char **argv) {
  if (argc > 1) {
    child(argv[1]);
    return 0;
  }
  cpu_set_t m;
  sched_getaffinity(0, sizeof m, &m);
  int last = -1;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &m))
      last = c;
  run(argv[0], "hinted", last);
  run(argv[0], "bad hint", CPU_SETSIZE + 5);
  return 0;
}
