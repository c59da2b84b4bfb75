// Destroying a mutex that is still locked: the whole misuse report, exit 66.
// EXPECT: mutex-misuse
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>

int main(void) {
  pthread_mutex_t m;
  pthread_mutex_init(&m, 0);
  pthread_mutex_lock(&m);
  pthread_mutex_destroy(&m);
  pthread_mutex_unlock(&m);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: destroy of a locked mutex (pid={{[0-9]+}})
// CHECK-NEXT:   destroy of a locked mutex 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}destroy_locked_mutex.c:12:3 (destroy_locked_mutex.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: destroy of a locked mutex {{.*}}destroy_locked_mutex.c:12:3 in main
// CHECK-NEXT: To reproduce: WEFT_SEED=0x1 {{.*}}destroy_locked_mutex.c.tmp
// CHECK-NEXT: ==================
// CHECK-NEXT: weft: reported 1 warning
