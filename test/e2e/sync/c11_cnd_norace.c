// C11 cnd_t: a producer hands a value to a consumer through cnd_wait /
// cnd_signal under an mtx_t.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 11 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed
// TSAN-DIFFERS: TSan 19 has no interceptors for C11 <threads.h> (glibc's thrd_create does not go through pthread_create), so the program crashes under TSan; weft models the C11 calls.

#include <threads.h>

static mtx_t m;
static cnd_t c;
static int ready, payload;

static int consumer(void *arg) {
  mtx_lock(&m);
  while (!ready)
    cnd_wait(&c, &m);
  mtx_unlock(&m);
  return payload;
}

int main(void) {
  thrd_t t;
  int res = 0;
  mtx_init(&m, mtx_plain);
  cnd_init(&c);
  thrd_create(&t, consumer, 0);
  mtx_lock(&m);
  payload = 42;
  ready = 1;
  cnd_signal(&c);
  mtx_unlock(&m);
  thrd_join(t, &res);
  cnd_destroy(&c);
  mtx_destroy(&m);
  return res == 42 ? 0 : 1;
}
