// A run whose environment is too large for one fork-server request (a
// WEFT_OPTIONS of over 64 KiB) is executed instead of forked; the server is
// fine and is not reported as dead.
// RUN: %weft-cc %s -o %t
// RUN: sh -c 'WEFT_OPTIONS="$(yes print_seed=0 | head -n 6000 | tr "\n" " ")" exec %weft test -n 3 --seed 1 -- %t' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// CHECK-NOT: fork server
// CHECK: weft test: 3 schedules, 0 failed
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *work(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  ++counter;
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, work, 0);
  work(0);
  pthread_join(t, 0);
  return counter != 2;
}
