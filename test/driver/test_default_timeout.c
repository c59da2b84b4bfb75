// Without --timeout, a run that never ends does not hang weft test: the
// default limit is 20 times the slowest of the first runs, at least a
// floor (10 s; WEFT_TEST_TIMEOUT_FLOOR here, to keep the test fast). The
// first run ends at once (it leaves a marker file); the next spins
// forever while a thread waits, and is stopped with where both threads
// were. --timeout 0 turns the limit off: a run sleeping 1 s of real time
// passes, where a floor of 0.02 s (0.6 s for a first run) stops it.
// RUN: rm -f %t.marker
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_TEST_TIMEOUT_FLOOR=0.3 not %weft test -n 3 --seed 1 %t %t.marker spin > %t.out
// RUN: FileCheck %s < %t.out
// CHECK:      weft test: seed 0x1, 3 schedules, 1 at a time
// CHECK-NEXT: ==================
// CHECK-NEXT: WARNING: weft: timeout (pid={{[0-9]+}})
// CHECK-NEXT:   The run exceeded weft test's time limit.
// CHECK-EMPTY:
// CHECK-NEXT:   main thread was running:
// CHECK-NEXT:     #0 main {{.*}}test_default_timeout.c:[[@LINE+73]]:{{[0-9]+}}
// CHECK:        thread T1 was waiting on condition variable:
// CHECK-NEXT:     #0 waiter {{.*}}test_default_timeout.c:[[@LINE+49]]:{{[0-9]+}}
// CHECK:      SUMMARY: weft: timeout {{.*}}test_default_timeout.c:[[@LINE+70]]:{{[0-9]+}} in main
// CHECK:      weft: failure: timeout with seed 0x
// CHECK-NEXT: weft: reproduce with:
// CHECK-NEXT: weft: note: the run exceeded its time limit of {{[0-9.]+}}s (the default, from the first runs' duration; --timeout sets it)
// CHECK:      weft test: 2 schedules, 1 failed
// RUN: rm -f %t.marker
// RUN: env WEFT_TEST_TIMEOUT_FLOOR=0.02 not %weft test -n 1 --seed 1 %t %t.marker sleep | FileCheck %s --check-prefix=LIMIT
// LIMIT: weft: failure: timeout with seed 0x
// RUN: env WEFT_TEST_TIMEOUT_FLOOR=0.02 %weft test -n 1 --seed 1 --timeout 0 %t %t.marker sleep | FileCheck %s --check-prefix=OFF
// OFF: weft test: 1 schedules, 0 failed
// A run that reported a race and then hung fails as the race, not as a
// timeout: the report was recorded when it was made.
// RUN: rm -f %t.marker
// (A floor long enough for the report: starting the symbolizer takes a while.)
// RUN: env WEFT_TEST_TIMEOUT_FLOOR=3 not %weft test -n 3 --seed 1 --json %t.json %t %t.marker race > %t.race
// RUN: FileCheck %s --check-prefix=RACE < %t.race
// RACE:      WARNING: weft: data race
// RACE:      WARNING: weft: timeout
// RACE:      weft: failure: data race at {{.*}}test_default_timeout.c:{{[0-9]+}}:{{[0-9]+}} in {{writer|main}} with seed 0x{{[0-9a-f]+}} (then the run timed out)
// RACE:      weft test: failures by kind:
// RACE-NEXT:   data race at {{.*}}: 1 (seed 0x
// RACE:      weft test: 2 schedules, 1 failed
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// JSON:      "kind": "data race",
// JSON-NEXT: "location": "{{.*}}test_default_timeout.c:{{.*}}",
// JSON-NEXT: "exit_code": {{[0-9]+}},
// JSON-NEXT: "timed_out": true,

#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

volatile int Stop;
int Shared;
static pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t C = PTHREAD_COND_INITIALIZER;

static void *writer(void *Arg) {
  Shared = 1;
  return 0;
}

static void *waiter(void *Arg) {
  pthread_mutex_lock(&M);
  while (!Stop)
    pthread_cond_wait(&C, &M);
  pthread_mutex_unlock(&M);
  return 0;
}

int main(int argc, char **argv) {
  if (strcmp(argv[2], "sleep") == 0) {
    // Real time: sleep() would be virtual.
    struct timespec T = {1, 0};
    syscall(SYS_nanosleep, &T, 0);
    return 0;
  }
  int Fd = open(argv[1], O_CREAT | O_EXCL | O_WRONLY, 0644);
  if (Fd >= 0)
    return 0; // the first run
  pthread_t T;
  if (strcmp(argv[2], "race") == 0) {
    pthread_create(&T, 0, writer, 0);
    Shared = 2;
    pthread_join(T, 0);
  }
  pthread_create(&T, 0, waiter, 0);
  while (!Stop) {
  }
  return 0;
}
