// A forked run sees what an executed one sees: the same environment in the
// same order (WEFT_SEED, WEFT_OPTIONS and the run's report file last, after
// the WEFT_DRIVER that every weft command sets; no trace of the server), the
// same open descriptors, and /dev/null on stdin. (Each weft test makes its
// own directory for report files: its name is the one difference.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_OPTIONS=quantum=100 not %weft test -n 2 --seed 3 --keep-going %t > %t.fork
// RUN: env WEFT_OPTIONS=quantum=100 not %weft test -n 2 --seed 3 --keep-going --no-fork-server %t > %t.exec
// RUN: sed -e /schedules.s$/d -e 's/weft-test-[A-Za-z0-9]*/weft-test-DIR/' %t.fork > %t.fork.body
// RUN: sed -e /schedules.s$/d -e 's/weft-test-[A-Za-z0-9]*/weft-test-DIR/' %t.exec > %t.exec.body
// RUN: diff %t.fork.body %t.exec.body
// RUN: FileCheck %s < %t.fork
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(void) {
  for (char **E = environ; *E; ++E)
    if (!strncmp(*E, "WEFT", 4))
      printf("env %s\n", *E);
  DIR *D = opendir("/proc/self/fd");
  int Self = dirfd(D);
  struct dirent *Entry;
  while ((Entry = readdir(D)))
    if (Entry->d_name[0] != '.' && atoi(Entry->d_name) != Self)
      printf("fd %s\n", Entry->d_name);
  closedir(D);
  char Buf[16];
  printf("stdin %zd\n", read(0, Buf, sizeof(Buf)));
  return 1; // so that weft test shows the output
}
// CHECK: weft test: seed 0x3, 2 schedules, 1 at a time
// CHECK-NEXT: env WEFT_DRIVER={{.*}}/weft
// CHECK-NEXT: env WEFT_SEED=0x
// CHECK-NEXT: env WEFT_OPTIONS=quantum=100 early_wakeups=1 preemption_rate=-1
// CHECK-NEXT: env WEFT_REPORT_CHANNEL={{.*}}/weft-test-{{[A-Za-z0-9]+}}/run-0
// CHECK-NEXT: fd 0
// CHECK-NEXT: fd 1
// CHECK-NEXT: fd 2
// CHECK-NEXT: stdin 0
// CHECK-NEXT: weft: failure: exit code 1 with seed 0x
