// Unlocking a normal mutex nobody holds: the whole misuse report, exit 66;
// report_mutex_bugs=0 silences it.
// EXPECT: mutex-misuse
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=report_mutex_bugs=0 %t 2>&1 | FileCheck %s --check-prefix=OFF --allow-empty
// OFF-NOT: WARNING

#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_unlock(&m);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: unlock of an unlocked mutex (pid={{[0-9]+}})
// CHECK-NEXT:   unlock of an unlocked mutex 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}unlock_unlocked_mutex.c:14:3 (unlock_unlocked_mutex.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: unlock of an unlocked mutex {{.*}}unlock_unlocked_mutex.c:14:3 in main
// CHECK-NEXT: To reproduce: WEFT_SEED=0x1 {{.*}}unlock_unlocked_mutex.c.tmp
// CHECK-NEXT: ==================
// CHECK-NEXT: weft: reported 1 warning
