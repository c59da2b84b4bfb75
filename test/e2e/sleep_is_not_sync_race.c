// Sleeping is not synchronization: the main thread sleeps "long enough" for
// the writer, but nothing orders the accesses, so weft reports the race
// (and the sleep takes no wall-clock time: time is virtual).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'result'

#include <pthread.h>
#include <unistd.h>

int result;

static void *writer(void *arg) {
  result = 42;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, writer, 0);
  sleep(100);
  int seen = result;
  pthread_join(t, 0);
  return seen == 42 ? 0 : 1;
}
// TSAN-DIFFERS: The program really sleeps under TSan, longer than the comparison's timeout; under weft time is virtual.
