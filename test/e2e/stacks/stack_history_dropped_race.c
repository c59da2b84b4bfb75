// The stacks of recorded accesses fill half of stack_history_mb, then start
// over (docs/design.md, "Stacks"): after the writer kept stacks from
// thousands of new paths, a race with its first write prints that write's
// stack as unavailable, while a race with its last write prints it exactly.
// EXPECT: race
// TSAN-DIFFERS: TSan drops a race whose previous access it can no longer find in its trace (here, after the worker's 8192 calls): it reports nothing; weft reports both, with the older stack marked unavailable.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=stack_history_mb=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines
// With the default size, both stacks are there.
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=ROOMY --match-full-lines

#include <pthread.h>
#include <unistd.h>
#include "Inputs/random_paths.h"

static volatile int old_shared, new_shared;
static int noise[8192];

NOINLINE static void write_old(void) { old_shared = 1; }
NOINLINE static void write_new(void) { new_shared = 1; }

static void *worker(void *arg) {
  write_old();
  for (unsigned i = 0; i < 8192; ++i)
    down_a(i * 2654435761u, 12 + i % 16, &noise[i]);
  write_new();
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef ORDERED // stack_history_dropped_norace.c joins the worker first
  pthread_join(t, 0);
#else
  sleep(1); // not synchronization: the worker's writes are unordered
#endif
  sink = old_shared;
  sink = new_shared;
#ifndef ORDERED
  pthread_join(t, 0);
#endif
  return 0;
}

// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}stack_history_dropped_race.c:38:10 ({{.*}})
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     [stack unavailable: beyond weft's stack history (stack_history_mb)]
// CHECK-EMPTY:
// CHECK-NEXT:   Location is global 'old_shared' of size 4 at 0x{{[0-9a-f]+}} ({{.*}})
// CHECK:      SUMMARY: weft: data race {{.*}}stack_history_dropped_race.c:38:10 in main
// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}stack_history_dropped_race.c:39:10 ({{.*}})
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 write_new {{.*}}stack_history_dropped_race.c:20:51 ({{.*}})
// CHECK-NEXT:     #1 worker {{.*}}stack_history_dropped_race.c:26:3 ({{.*}})
// CHECK-EMPTY:
// CHECK:      weft: reported 2 warnings

// ROOMY:      Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// ROOMY-NEXT:     #0 write_old {{.*}}stack_history_dropped_race.c:19:51 ({{.*}})
// ROOMY-NEXT:     #1 worker {{.*}}stack_history_dropped_race.c:23:3 ({{.*}})
// ROOMY-EMPTY:
// ROOMY-NEXT:   Location is global 'old_shared' of size 4 at 0x{{[0-9a-f]+}} ({{.*}})
