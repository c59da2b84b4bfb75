// Two threads take opposite-order mutexes. The pinned seed (at the 1% preemption
// rate it was chosen with) steers the schedule into the deadlock: reported with
// each blocked thread's stack and what it waits for, exit status 67. (The
// inversion report that would come first: test/e2e/reports/lock_order_inversion.c.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=10 WEFT_OPTIONS="detect_deadlocks=0 preemption_rate=1" %expect-exit 67 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

static void *ab(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return 0;
}

static void *ba(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, ab, 0);
  pthread_create(&y, 0, ba, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: deadlock (pid={{[0-9]+}})
// CHECK-NEXT:   Every thread is blocked.
// CHECK-EMPTY:
// CHECK-NEXT:   Main thread is waiting to join thread T1:
// CHECK-NEXT:     #0 main {{.*}}deadlock_lock_order.c:32:3 ({{.*}})
// Each thread with the mutexes it holds, and where it acquired each.
// CHECK:        Thread T1 (mutexes: write M0) is waiting to lock mutex 0x[[B:[0-9a-f]+]] held by thread T2:
// CHECK-NEXT:     #0 ab {{.*}}deadlock_lock_order.c:14:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Thread T2 (mutexes: write M1) is waiting to lock mutex 0x[[A:[0-9a-f]+]] held by thread T1:
// CHECK-NEXT:     #0 ba {{.*}}deadlock_lock_order.c:22:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M0 (0x[[A]]) acquired by thread T1 at:
// CHECK-NEXT:     #0 ab {{.*}}deadlock_lock_order.c:13:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M1 (0x[[B]]) acquired by thread T2 at:
// CHECK-NEXT:     #0 ba {{.*}}deadlock_lock_order.c:21:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT: SUMMARY: weft: deadlock {{.*}}deadlock_lock_order.c:32:3 in main
// CHECK-NEXT: To reproduce: WEFT_OPTIONS='detect_deadlocks=0 preemption_rate=1' WEFT_SEED=0xa {{.*}}
// CHECK-NEXT: ==================
// TSAN-DIFFERS: Opposite-order locking deadlocks only in some interleavings: weft's pinned schedule deadlocks and reports it (after the inversion); a real run under TSan may hang in the deadlock or finish with only the inversion reported.
