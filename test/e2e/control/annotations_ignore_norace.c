// WEFT_IGNORE_WRITES/READS_BEGIN..END and WEFT_BENIGN_RACE keep accepted
// races out of the reports (statistics counters): silent in every schedule;
// the same program without the annotations races.
// RUN: %weft-cc -I%srcroot/runtime/include %s -o %t
// RUN: %weft test -n 50 --seed 6 -- %t 2>&1 | FileCheck %s
// RUN: %weft-cc -I%srcroot/runtime/include -DNO_ANNOTATIONS %s -o %t.race
// RUN: env WEFT_SEED=6 %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE
// CHECK-NOT: WARNING
// CHECK: weft test: 50 schedules, 0 failed
// RACE: WARNING: weft: data race

#include <pthread.h>
#include <weft/annotations.h>

#ifdef NO_ANNOTATIONS
#undef WEFT_IGNORE_WRITES_BEGIN
#undef WEFT_IGNORE_WRITES_END
#undef WEFT_IGNORE_READS_BEGIN
#undef WEFT_IGNORE_READS_END
#undef WEFT_BENIGN_RACE
#define WEFT_IGNORE_WRITES_BEGIN() ((void)0)
#define WEFT_IGNORE_WRITES_END() ((void)0)
#define WEFT_IGNORE_READS_BEGIN() ((void)0)
#define WEFT_IGNORE_READS_END() ((void)0)
#define WEFT_BENIGN_RACE(a, s, w) ((void)0)
#endif

long hits;       // updated under "ignore writes", read under "ignore reads"
long approx_max; // declared a benign race

static void *worker(void *arg) {
  for (int i = 0; i < 3; i++) {
    WEFT_IGNORE_WRITES_BEGIN();
    WEFT_IGNORE_READS_BEGIN();
    hits++;
    WEFT_IGNORE_READS_END();
    WEFT_IGNORE_WRITES_END();
    approx_max = i;
  }
  return 0;
}

int main(void) {
  WEFT_BENIGN_RACE(&approx_max, sizeof approx_max, "a hint, staleness is fine");
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
// TSAN-DIFFERS: weft's WEFT_* macros compile to nothing without weft, so under TSan this is the unannotated racy program; TSan-named annotations work under both (tsan_annotations_norace.c).
