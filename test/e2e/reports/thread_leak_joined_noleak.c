// Joined and detached threads are not leaks, in any schedule; neither are
// leaked ones with report_thread_leaks=0.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 30 --seed 3 -- %t 2>&1 | FileCheck %s
// RUN: %weft-cc -DLEAK %s -o %t.leak
// RUN: env WEFT_OPTIONS=report_thread_leaks=0 %weft test -n 10 --seed 3 -- %t.leak 2>&1 | FileCheck %s --check-prefix=OFF
// OFF-NOT: WARNING
// OFF: weft test: 10 schedules, 0 failed
// CHECK-NOT: WARNING
// CHECK: weft test: 30 schedules, 0 failed

#include <pthread.h>
#include <unistd.h>

static void *worker(void *arg) { return arg; }

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
#ifdef LEAK
  sleep(1);
#else
  pthread_detach(b);
  pthread_join(a, 0);
  sleep(1);
#endif
  return 0;
}
