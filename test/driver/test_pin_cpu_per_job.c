// `weft test -j N` gives each job's runs a CPU of their own (WEFT_PIN_CPU,
// docs/usage.md), and the runs' threads do run there; with one job there is
// no hint and a run stays on the CPU it starts on. Every run appends what it
// saw to the log named by its argument.
// RUN: %weft-cc %s -o %t
// RUN: rm -f %t.jobs %t.one
// RUN: %weft test -n 8 -j 2 --seed 1 -- %t %t.jobs
// RUN: FileCheck %s --check-prefix=JOBS --implicit-check-not=on-hinted-cpu=0 < %t.jobs
// JOBS-COUNT-8: hinted on-hinted-cpu=1
// RUN: %weft test -n 4 -j 1 --seed 1 -- %t %t.one
// RUN: FileCheck %s --check-prefix=ONE < %t.one
// ONE-COUNT-4: no hint

#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cpu = -1;

static void *where(void *arg) {
  cpu = sched_getcpu();
  return 0;
}

int main(int argc, char **argv) {
  pthread_t t;
  pthread_create(&t, 0, where, 0);
  pthread_join(t, 0);
  const char *hint = getenv("WEFT_PIN_CPU");
  char line[64];
  if (hint)
    snprintf(line, sizeof line, "hinted on-hinted-cpu=%d\n", cpu == atoi(hint));
  else
    snprintf(line, sizeof line, "no hint\n");
  int fd = open(argv[1], O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0 || write(fd, line, strlen(line)) != (ssize_t)strlen(line))
    return 1;
  close(fd);
  return 0;
}
