// A racy program fails with the same seeds, kinds, locations and report
// text whether its schedules are forked from a fork server (the default),
// executed one by one (--no-fork-server), or forked from three servers.
// Its race-free twin is test_fork_server_norace.c (this program with
// ORDERED, which leaves out the unlocked increment). Seeds and outcomes are those of the former single configuration (--strategy random --no-directed-points).
// RUN: %weft-cc %s -o %t
// RUN: not %weft test -n 12 --seed 0x5eed --strategy random --no-directed-points --keep-going %t > %t.fork
// RUN: not %weft test -n 12 --seed 0x5eed --strategy random --no-directed-points --keep-going --no-fork-server %t > %t.exec
// RUN: not %weft test -n 12 --seed 0x5eed --strategy random --no-directed-points --keep-going -j 3 %t > %t.fork3
// RUN: sh %S/Inputs/normalize_run.sh %t.fork > %t.fork.body
// RUN: sh %S/Inputs/normalize_run.sh %t.exec > %t.exec.body
// RUN: sh %S/Inputs/normalize_run.sh %t.fork3 | sed -e 1d > %t.fork3.body
// RUN: diff %t.fork.body %t.exec.body
// RUN: sed -e 1d %t.fork.body | diff - %t.fork3.body
// RUN: FileCheck %s < %t.fork
// Stopping at the first failure kills the run queued behind it.
// RUN: not %weft test -n 12 --seed 0x5eed --strategy random --no-directed-points %t > %t.first.fork
// RUN: not %weft test -n 12 --seed 0x5eed --strategy random --no-directed-points --no-fork-server %t > %t.first.exec
// RUN: sh %S/Inputs/normalize_run.sh %t.first.fork > %t.first.fork.body
// RUN: sh %S/Inputs/normalize_run.sh %t.first.exec > %t.first.exec.body
// RUN: diff %t.first.fork.body %t.first.exec.body
// RUN: FileCheck %s --check-prefix=FIRST < %t.first.fork
#include <pthread.h>
#include <stdio.h>

static int Counter;
static pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *Arg) {
  for (int I = 0; I < 10; ++I) {
#ifndef ORDERED
    if (I == 7) {
      Counter++; // the one unlocked increment
      continue;
    }
#endif
    pthread_mutex_lock(&M);
    Counter++;
    pthread_mutex_unlock(&M);
  }
  return Arg;
}

int main(void) {
  pthread_t T1, T2;
  pthread_create(&T1, 0, worker, 0);
  pthread_create(&T2, 0, worker, 0);
  pthread_join(T1, 0);
  pthread_join(T2, 0);
  printf("counter %d\n", Counter);
  return 0;
}
// CHECK: weft test: seed 0x5eed, 12 schedules, 1 at a time
// CHECK-NEXT: ==================
// CHECK-NEXT: WARNING: weft: data race (pid=
// CHECK-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by thread T{{[12]}}:
// CHECK-NEXT:     #0 worker {{.*}}test_fork_server_race.c:33:14
// CHECK: SUMMARY: weft: data race {{.*}}test_fork_server_race.c:33:14 in worker
// CHECK-NEXT: To reproduce: WEFT_OPTIONS='early_wakeups=1 preemption_rate=-1' WEFT_SEED=0x5d5bca4696b343b3 {{.*}}test_fork_server_race.c.tmp
// CHECK: weft: failure: data race at {{.*}}test_fork_server_race.c:33:14 in worker with seed 0x5d5bca4696b343b3
// CHECK: weft test: failures by kind:
// CHECK-NEXT: data race at {{.*}}test_fork_server_race.c:33:14 in worker: 6 (seeds 0x5d5bca4696b343b3, 0x70d29b6c7d22528d, 0x296cd0f2c21d7f90, 0xdaa27fb8dacb9e73, 0x58a5f17b6c15c659, 0x651ac042fa7b481a)
// CHECK-NEXT: data race at {{.*}}test_fork_server_race.c:38:12 in worker: 1 (seed 0xbf2b716f9915475)
// CHECK: weft test: 12 schedules, 7 failed
// FIRST: weft: failure: data race at {{.*}}test_fork_server_race.c:33:14 in worker with seed 0x5d5bca4696b343b3
// FIRST: weft test: 3 schedules, 1 failed
