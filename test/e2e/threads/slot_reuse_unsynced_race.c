// A thread that ended without anyone synchronizing with its end keeps its
// vector-clock slot: a later thread must not take it over, or the later
// thread's accesses would pass for the dead thread's own and a race between
// the two would be missed (docs/design.md, "Clock slots"). Here `early`
// writes `shared` and ends detached; `joined` ends and is joined, so its slot
// is free for reuse; `late` is created after both and writes `shared`
// too. `late` reuses `joined`'s slot, never `early`'s, and the race between
// `late` and `early` is reported with both threads named.
// The twin (-DJOIN_EARLY) joins `early` before creating `late`: then `late`
// may take `early`'s slot, happens after it, and nothing is reported.
//
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_SEED=7 WEFT_OPTIONS=print_stats=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -O1 -DJOIN_EARLY %s -o %t.join
// RUN: env WEFT_SEED=7 WEFT_OPTIONS=print_stats=1 %t.join 2>&1 | FileCheck %s --check-prefix=JOINED --implicit-check-not=WARNING
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

int shared;

static void *early(void *arg) {
  shared = 1; // EARLY_WRITE
  return NULL;
}

static void *joined(void *arg) { return arg; }

static void *late(void *arg) {
  shared = 2; // LATE_WRITE
  return NULL;
}

int main(void) {
  pthread_t e, j, l;
  pthread_create(&e, NULL, early, NULL);
#ifndef JOIN_EARLY
  pthread_detach(e);
#endif
  // Virtual time: main sleeps while `early` runs to its end; sleeping is
  // not synchronization.
  sleep(1);
  pthread_create(&j, NULL, joined, NULL);
  pthread_join(j, NULL);
#ifdef JOIN_EARLY
  pthread_join(e, NULL);
#endif
  pthread_create(&l, NULL, late, NULL);
  pthread_join(l, NULL);
  printf("done\n");
  return 0;
}

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by thread T3:
// CHECK-NEXT:     #0 late {{.*}}slot_reuse_unsynced_race.c:30:10
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 early {{.*}}slot_reuse_unsynced_race.c:23:10
// CHECK:        Thread T3 (running) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}slot_reuse_unsynced_race.c:48:3
// CHECK:        Thread T1 (finished) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}slot_reuse_unsynced_race.c:36:3
// CHECK:      SUMMARY: weft: data race {{.*}}slot_reuse_unsynced_race.c:30:10 in late
// CHECK:      done
// Four threads on three slots: `late` took `joined`'s, not `early`'s.
// CHECK:      weft: stats: {{.*}} threads=4 clock-slots=3 slot-reuses=1
// CHECK:      weft: reported 1 warning

// JOINED:      done
// JOINED:      weft: stats: {{.*}} threads=4 clock-slots=3 slot-reuses=1
