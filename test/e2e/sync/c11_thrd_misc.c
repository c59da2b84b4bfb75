// The rest of C11 <threads.h>: thrd_current/thrd_equal, thrd_sleep in
// virtual time, thrd_yield, thrd_exit's result reaching thrd_join,
// thrd_detach, mtx_trylock, mtx_timedlock timing out, cnd_timedwait timing
// out, and tss_* (left to glibc: pthread keys on the real OS threads).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 20 --seed 13 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed
// TSAN-DIFFERS: TSan 19 has no interceptors for C11 <threads.h>; under TSan this program hangs, weft models the C11 calls.

#include <threads.h>
#include <time.h>

static thrd_t main_thread;
static mtx_t m;
static cnd_t c;
static tss_t key;
static int destroyed;

static void dtor(void *p) { destroyed++; }

static int child(void *arg) {
  if (thrd_equal(thrd_current(), main_thread))
    thrd_exit(1);
  tss_set(key, &key);
  thrd_yield();
  if (tss_get(key) != &key)
    thrd_exit(2);
  // The main thread holds m: trylock is busy, timedlock times out.
  if (mtx_trylock(&m) != thrd_busy)
    thrd_exit(3);
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  ts.tv_sec += 5;
  if (mtx_timedlock(&m, &ts) != thrd_timedout)
    thrd_exit(4);
  thrd_exit(9);
}

static int detached(void *arg) { return 0; }

int main(void) {
  thrd_t t, d;
  int res = 0;
  main_thread = thrd_current();
  mtx_init(&m, mtx_timed);
  cnd_init(&c);
  tss_create(&key, dtor);
  tss_set(key, 0);

  struct timespec before, after, nap = {100, 0};
  timespec_get(&before, TIME_UTC);
  if (thrd_sleep(&nap, 0) != 0)
    return 10;
  timespec_get(&after, TIME_UTC);
  if (after.tv_sec - before.tv_sec < 100)
    return 11;

  mtx_lock(&m);
  thrd_create(&t, child, 0);
  thrd_join(t, &res);
  if (res != 9 || tss_get(key) != 0)
    return 12;
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  ts.tv_sec += 5;
  if (cnd_timedwait(&c, &m, &ts) != thrd_timedout)
    return 13;
  mtx_unlock(&m);

  thrd_create(&d, detached, 0);
  if (thrd_detach(d) != thrd_success)
    return 14;
  thrd_sleep(&nap, 0);
  tss_delete(key);
  return 0;
}
