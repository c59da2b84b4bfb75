// WEFT_HAPPENS_BEFORE / WEFT_HAPPENS_AFTER describe a hand-off weft cannot
// see (here: a relaxed flag, which orders nothing): silent in every
// schedule. Without the annotations the same program races.
// RUN: %weft-cc -I%srcroot/runtime/include %s -o %t
// RUN: %weft test -n 50 --seed 4 -- %t 2>&1 | FileCheck %s
// RUN: %weft-cc -I%srcroot/runtime/include -DNO_ANNOTATIONS %s -o %t.race
// RUN: env WEFT_SEED=4 %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE
// CHECK-NOT: WARNING
// CHECK: weft test: 50 schedules, 0 failed
// RACE: WARNING: weft: data race
// RACE: SUMMARY: weft: data race {{.*}}annotations_happens_before_norace.c

#include <pthread.h>
#include <stdatomic.h>
#include <weft/annotations.h>

#ifdef NO_ANNOTATIONS
#undef WEFT_HAPPENS_BEFORE
#undef WEFT_HAPPENS_AFTER
#define WEFT_HAPPENS_BEFORE(a) ((void)(a))
#define WEFT_HAPPENS_AFTER(a) ((void)(a))
#endif

int payload;
atomic_int ready;

static void *producer(void *arg) {
  payload = 42;
  WEFT_HAPPENS_BEFORE(&ready);
  atomic_store_explicit(&ready, 1, memory_order_relaxed);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, producer, 0);
  while (!atomic_load_explicit(&ready, memory_order_relaxed))
    ;
  WEFT_HAPPENS_AFTER(&ready);
  int seen = payload;
  pthread_join(t, 0);
  return seen != 42;
}
// TSAN-DIFFERS: weft's WEFT_* macros compile to nothing without weft, so under TSan this is the unannotated racy program; TSan-named annotations work under both (tsan_annotations_norace.c).
