// pthread_once: the initializer runs exactly once, and its writes happen
// before every caller that returns from pthread_once.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 100 --seed 31 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 100 schedules, 0 failed

#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int config, inits;

static void init(void) {
  config = 42;
  inits++;
}

static void *user(void *arg) {
  pthread_once(&once, init);
  return (void *)(long)(config != 42);
}

int main(void) {
  pthread_t t[3];
  void *bad;
  int failures = 0;
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], 0, user, 0);
  for (int i = 0; i < 3; i++) {
    pthread_join(t[i], &bad);
    failures += bad != 0;
  }
  return failures == 0 && inits == 1 ? 0 : 1;
}
