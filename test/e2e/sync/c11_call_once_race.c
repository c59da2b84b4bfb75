// The twin of c11_call_once_norace.c: one thread reads the configuration
// without going through call_once.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'config'
// TSAN-DIFFERS: TSan 19 has no interceptors for C11 <threads.h> (glibc's thrd_create does not go through pthread_create), so the program crashes under TSan; weft models the C11 calls.

#include <threads.h>

static once_flag flag = ONCE_FLAG_INIT;
int config;

static void init(void) { config = 42; }

static int user(void *arg) {
  call_once(&flag, init);
  return config;
}

static int bypass(void *arg) { return config; }

int main(void) {
  thrd_t a, b;
  thrd_create(&a, user, 0);
  thrd_create(&b, bypass, 0);
  thrd_join(a, 0);
  thrd_join(b, 0);
  return 0;
}
