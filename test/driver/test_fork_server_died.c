// A fork server that dies (here: its run kills it) never hangs weft test:
// the run that died with it is executed again, its job executes the
// program from then on, and the results are those of --no-fork-server.
// RUN: %weft-cc %s -o %t
// RUN: not %weft test -n 8 -j 2 --seed 1 --keep-going %t > %t.fork 2> %t.err
// RUN: FileCheck %s --check-prefix=WARN < %t.err
// RUN: not %weft test -n 8 -j 2 --seed 1 --keep-going --no-fork-server %t > %t.exec
// RUN: sh %S/Inputs/normalize_run.sh %t.fork > %t.fork.body
// RUN: sh %S/Inputs/normalize_run.sh %t.exec > %t.exec.body
// RUN: diff %t.fork.body %t.exec.body
// RUN: FileCheck %s < %t.fork
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  unsigned long long Seed = strtoull(getenv("WEFT_SEED"), 0, 16);
  // The parent is a fork server when it runs this same executable.
  char Self[4096] = {0}, Parent[4096] = {0}, Path[64];
  readlink("/proc/self/exe", Self, sizeof(Self) - 1);
  snprintf(Path, sizeof(Path), "/proc/%d/exe", (int)getppid());
  readlink(Path, Parent, sizeof(Parent) - 1);
  if (Seed % 4 == 1 && strcmp(Self, Parent) == 0) {
    kill(getppid(), SIGKILL);
    pause(); // killed with its server
  }
  printf("run %llu\n", Seed % 4);
  return Seed % 4 == 1 ? 3 : 0;
}
// WARN: weft: warning: the fork server of job {{[12]}} died (killed by SIGKILL); that job executes the program for every schedule from now on
// CHECK: run 1
// CHECK-NEXT: weft: failure: exit code 3 with seed 0x910a2dec89025cc1
// CHECK: weft test: 8 schedules, 4 failed
