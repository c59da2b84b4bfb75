// The twin of c11_mtx_norace.c: two threads guard the counter with
// different mutexes, which orders nothing.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'counter'
// TSAN-DIFFERS: TSan 19 has no interceptors for C11 <threads.h> (glibc's thrd_create does not go through pthread_create), so the program crashes under TSan; weft models the C11 calls.

#include <threads.h>

static mtx_t m[2];
int counter;

static int worker(void *arg) {
  mtx_t *mine = arg;
  mtx_lock(mine);
  counter++;
  mtx_unlock(mine);
  return 0;
}

int main(void) {
  thrd_t t[2];
  for (int i = 0; i < 2; i++) {
    mtx_init(&m[i], mtx_plain);
    thrd_create(&t[i], worker, &m[i]);
  }
  for (int i = 0; i < 2; i++)
    thrd_join(t[i], 0);
  return 0;
}
