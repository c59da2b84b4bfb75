// With spurious_wakeups=1 the strategy may return from a condition-variable
// wait without a signal, which finds a wait under `if` instead of `while`.
// Without the option no run wakes spuriously.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 %t | FileCheck %s --check-prefix=OFF
// OFF: weft test: 50 schedules, 0 failed
// RUN: env WEFT_OPTIONS=spurious_wakeups=1 not %weft test -n 50 --seed 1 %t | FileCheck %s
// CHECK: weft: failure: assertion failed at {{.*}}spurious_wakeup_found.c:[[@LINE+22]]:{{[0-9]+}} in main with seed
// CHECK: weft: reproduce with: WEFT_OPTIONS='spurious_wakeups=1 early_wakeups=1 {{[^']*}}'
#include <assert.h>
#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void *producer(void *arg) {
  pthread_mutex_lock(&m);
  ready = 1;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_mutex_lock(&m);
  pthread_t t;
  pthread_create(&t, 0, producer, 0);
  if (!ready)
    pthread_cond_wait(&cv, &m);
  assert(ready);
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return 0;
}
