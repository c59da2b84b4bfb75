// A thread unlocks a normal mutex another thread holds: the whole misuse
// report, exit 66.
// EXPECT: mutex-misuse
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_mutex_lock(&m);
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  pthread_mutex_unlock(&m);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: unlock of a mutex held by another thread (pid={{[0-9]+}})
// CHECK-NEXT:   unlock of a mutex held by another thread 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 worker {{.*}}unlock_foreign_mutex.c:12:3 (unlock_foreign_mutex.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT: SUMMARY: weft: unlock of a mutex held by another thread {{.*}}unlock_foreign_mutex.c:12:3 in worker
// CHECK-NEXT: To reproduce: WEFT_SEED=0x1 {{.*}}unlock_foreign_mutex.c.tmp
// CHECK-NEXT: ==================
// CHECK-NEXT: weft: reported 1 warning
