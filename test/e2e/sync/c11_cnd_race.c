// The twin of c11_cnd_norace.c: the payload is written after the signal,
// outside the mutex.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'payload'
// TSAN-DIFFERS: TSan 19 has no interceptors for C11 <threads.h> (glibc's thrd_create does not go through pthread_create), so the program crashes under TSan; weft models the C11 calls.

#include <threads.h>

static mtx_t m;
static cnd_t c;
static int ready;
int payload;

static int consumer(void *arg) {
  mtx_lock(&m);
  while (!ready)
    cnd_wait(&c, &m);
  mtx_unlock(&m);
  return payload;
}

int main(void) {
  thrd_t t;
  mtx_init(&m, mtx_plain);
  cnd_init(&c);
  thrd_create(&t, consumer, 0);
  mtx_lock(&m);
  ready = 1;
  cnd_broadcast(&c);
  mtx_unlock(&m);
  payload = 42;
  thrd_join(t, 0);
  return 0;
}
