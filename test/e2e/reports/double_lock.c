// The owner of a normal mutex locks it again: reported before the thread
// blocks forever, then the deadlock report follows (exit 67).
// EXPECT: mutex-misuse+deadlock
// TSAN-DIFFERS: TSan reports the double lock, then hangs in the real self-deadlock; weft reports that deadlock (exit 67).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 67 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&m);
  pthread_mutex_lock(&m);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: double lock of a mutex (pid={{[0-9]+}})
// CHECK-NEXT:   Lock of mutex 0x[[M:[0-9a-f]+]] by main thread, which already holds it (the thread will block forever):
// CHECK-NEXT:     #0 main {{.*}}double_lock.c:14:3 (double_lock.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Mutex 0x[[M]] previously acquired by the same thread here:
// CHECK-NEXT:     #0 main {{.*}}double_lock.c:13:3 (double_lock.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: double lock of a mutex {{.*}}double_lock.c:14:3 in main
// CHECK-NEXT: To reproduce: WEFT_SEED=0x1 {{.*}}double_lock.c.tmp
// CHECK-NEXT: ==================
// CHECK-NEXT: ==================
// CHECK-NEXT: WARNING: weft: deadlock (pid={{[0-9]+}})
// CHECK-NEXT:   Every thread is blocked.
// CHECK-EMPTY:
// CHECK-NEXT:   Main thread (mutexes: write M0) is waiting to lock mutex 0x[[M]] held by main thread:
// CHECK-NEXT:     #0 main {{.*}}double_lock.c:14:3 (double_lock.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Mutex M0 (0x[[M]]) acquired by main thread at:
// CHECK-NEXT:     #0 main {{.*}}double_lock.c:13:3 (double_lock.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: deadlock {{.*}}double_lock.c:14:3 in main
