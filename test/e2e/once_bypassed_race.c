// Twin of once_norace.c: one thread reads the configuration without going
// through pthread_once, racing with the initializer.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=31 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'config'

#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
int config;

static void init(void) { config = 42; }

static void *user(void *arg) {
  pthread_once(&once, init);
  return 0;
}

static void *impatient(void *arg) { return (void *)(long)config; }

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, user, 0);
  pthread_create(&b, 0, impatient, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
