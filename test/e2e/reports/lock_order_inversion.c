// Two threads take two mutexes in opposite orders, one after the other, so
// this run never deadlocks; the lock-order graph still has the cycle, and
// the report shows every edge with both acquisition stacks. Exit 66.
// EXPECT: lock-order
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

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
  pthread_join(x, 0);
  pthread_create(&y, 0, ba, 0);
  pthread_join(y, 0);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: lock-order-inversion (potential deadlock) (pid={{[0-9]+}})
// CHECK-NEXT:   Cycle in lock order graph: M0 (0x[[A:[0-9a-f]+]]) => M1 (0x[[B:[0-9a-f]+]]) => M0
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M1 acquired here while holding mutex M0 in thread T1:
// CHECK-NEXT:     #0 ab {{.*}}lock_order_inversion.c:14:3 (lock_order_inversion.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M0 previously acquired by the same thread here:
// CHECK-NEXT:     #0 ab {{.*}}lock_order_inversion.c:13:3 (lock_order_inversion.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M0 acquired here while holding mutex M1 in thread T2:
// CHECK-NEXT:     #0 ba {{.*}}lock_order_inversion.c:22:3 (lock_order_inversion.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M1 previously acquired by the same thread here:
// CHECK-NEXT:     #0 ba {{.*}}lock_order_inversion.c:21:3 (lock_order_inversion.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Steer a schedule into this deadlock with: steer_deadlock=lock_order_inversion.c.tmp+0x{{[0-9a-f]+}}/lock_order_inversion.c.tmp+0x{{[0-9a-f]+}}
// CHECK-EMPTY:
// CHECK-NEXT:   Thread T1 (finished) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}lock_order_inversion.c:30:3 (lock_order_inversion.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Thread T2 (running) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}lock_order_inversion.c:32:3 (lock_order_inversion.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: lock-order-inversion (potential deadlock) {{.*}}lock_order_inversion.c:14:3 in ab
// CHECK-NEXT: To reproduce: WEFT_SEED=0x1 {{.*}}lock_order_inversion.c.tmp
// CHECK-NEXT: ==================
// CHECK-NEXT: weft: reported 1 warning
