// C11 mtx_t (plain, recursive and timed) orders the accesses it guards:
// glibc implements them without the interposable pthread names, so weft
// intercepts the C11 names. Also thrd_create/join with a result.
// RUN: %weft-cc %s -o %t
// The timed locks' deadlines are generous but not infinite: with early
// wake-ups on, a schedule may let one pass while the lock is held (the
// holder stalled that long), and the program then fails as written. This
// test is about the ordering the locks give, so it explores without them.
// RUN: %weft test -n 50 --seed 10 --no-early-wakeups -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed
// TSAN-DIFFERS: TSan 19 has no interceptors for C11 <threads.h> (glibc's thrd_create does not go through pthread_create), so the program crashes under TSan; weft models the C11 calls.

#include <threads.h>
#include <time.h>

static mtx_t plain, recursive, timed;
static int by_plain, by_recursive, by_timed;

static int worker(void *arg) {
  for (int i = 0; i < 10; i++) {
    mtx_lock(&plain);
    by_plain++;
    mtx_unlock(&plain);

    mtx_lock(&recursive);
    mtx_lock(&recursive);
    by_recursive++;
    mtx_unlock(&recursive);
    mtx_unlock(&recursive);

    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    ts.tv_sec += 1000;
    if (mtx_timedlock(&timed, &ts) != thrd_success)
      return 1;
    by_timed++;
    mtx_unlock(&timed);
  }
  return 7;
}

int main(void) {
  thrd_t t[3];
  int res, bad = 0;
  mtx_init(&plain, mtx_plain);
  mtx_init(&recursive, mtx_plain | mtx_recursive);
  mtx_init(&timed, mtx_timed);
  for (int i = 0; i < 3; i++)
    if (thrd_create(&t[i], worker, 0) != thrd_success)
      return 2;
  for (int i = 0; i < 3; i++) {
    thrd_join(t[i], &res);
    bad += res != 7;
  }
  mtx_destroy(&plain);
  mtx_destroy(&recursive);
  mtx_destroy(&timed);
  return bad == 0 && by_plain == 30 && by_recursive == 30 && by_timed == 30 ? 0 : 1;
}
