// A race with an access of a thread that is dead and whose vector-clock
// slot already went to a later thread: the report names the dead thread
// (not the slot's new owner), with its name, its stack and its creation
// stack (docs/design.md, "Clock slots").
// `watcher` starts first and waits, without synchronizing, for `go`.
// `old-owner` writes `shared`, ends and is joined by main; `new-owner` is
// created after that join, so it takes the dead thread's slot, runs, and is
// joined. Then main raises `go` with a relaxed store, and `watcher` writes
// `shared`: nothing orders that write after `old-owner`'s.
// The twin (-DORDERED) raises and reads `go` with release/acquire: main
// joined `old-owner` before, so the write is ordered after it and silent.
//
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_SEED=3 WEFT_OPTIONS=print_stats=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -O1 -DORDERED %s -o %t.ordered
// RUN: env WEFT_SEED=3 WEFT_OPTIONS=print_stats=1 %t.ordered 2>&1 | FileCheck %s --check-prefix=ORDERED --implicit-check-not=WARNING
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

#ifdef ORDERED
#define STORE_ORDER memory_order_release
#define LOAD_ORDER memory_order_acquire
#else
#define STORE_ORDER memory_order_relaxed
#define LOAD_ORDER memory_order_relaxed
#endif

int shared;
static atomic_int go;

static void *watcher(void *arg) {
  while (!atomic_load_explicit(&go, LOAD_ORDER))
    sched_yield();
  shared = 2;
  return NULL;
}

static __attribute__((noinline)) void scribble(void) {
  shared = 1;
}

static void *old_owner(void *arg) {
  pthread_setname_np(pthread_self(), "old-owner");
  scribble();
  return NULL;
}

static void *new_owner(void *arg) {
  pthread_setname_np(pthread_self(), "new-owner");
  return arg;
}

int main(void) {
  pthread_t w, a, b;
  pthread_create(&w, NULL, watcher, NULL);
  pthread_create(&a, NULL, old_owner, NULL);
  pthread_join(a, NULL);
  pthread_create(&b, NULL, new_owner, NULL);
  pthread_join(b, NULL);
  atomic_store_explicit(&go, 1, STORE_ORDER);
  pthread_join(w, NULL);
  printf("done\n");
  return 0;
}

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 watcher {{.*}}dead_owner_slot_reused_race.c:37:10
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T2 'old-owner':
// CHECK-NEXT:     #0 scribble {{.*}}dead_owner_slot_reused_race.c:42:10
// CHECK-NEXT:     #1 old_owner {{.*}}dead_owner_slot_reused_race.c:47:3
// CHECK:        Thread T1 (running) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}dead_owner_slot_reused_race.c:58:3
// CHECK:        Thread T2 'old-owner' (finished) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}dead_owner_slot_reused_race.c:59:3
// CHECK-NOT:    new-owner
// CHECK:      SUMMARY: weft: data race {{.*}}dead_owner_slot_reused_race.c:37:10 in watcher
// CHECK:      done
// `new-owner` (T3) ran on `old-owner`'s slot.
// CHECK:      weft: stats: {{.*}} threads=4 clock-slots=3 slot-reuses=1
// CHECK:      weft: reported 1 warning

// ORDERED:      done
// ORDERED:      weft: stats: {{.*}} threads=4 clock-slots=3 slot-reuses=1
