// C11 call_once: the initializer runs once and happens before every return
// from call_once.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 12 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed
// TSAN-DIFFERS: TSan 19 has no interceptors for C11 <threads.h> (glibc's thrd_create does not go through pthread_create), so the program crashes under TSan; weft models the C11 calls.

#include <threads.h>

static once_flag flag = ONCE_FLAG_INIT;
static int config, inits;

static void init(void) {
  config = 42;
  inits++;
}

static int user(void *arg) {
  call_once(&flag, init);
  return config;
}

int main(void) {
  thrd_t t[3];
  int res, bad = 0;
  for (int i = 0; i < 3; i++)
    thrd_create(&t[i], user, 0);
  for (int i = 0; i < 3; i++) {
    thrd_join(t[i], &res);
    bad += res != 42;
  }
  return bad == 0 && inits == 1 ? 0 : 1;
}
