// weft does the lock-order graph work for a set of held locks and the
// mutex being taken once (a loop re-taking the same nested locks repeats
// nothing). A new held set that contains an old pair still adds its new
// edges: here c -> b, taken after fifty rounds of a -> b, closes a cycle
// with the other thread's b -> c. Exit 66.
// EXPECT: lock-order
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER,
                c = PTHREAD_MUTEX_INITIALIZER;

static void *acb(void *arg) {
  for (int i = 0; i < 50; i++) {
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
  }
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&c);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&c);
  pthread_mutex_unlock(&a);
  return 0;
}

static void *bc(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&c);
  pthread_mutex_unlock(&c);
  pthread_mutex_unlock(&b);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, acb, 0);
  pthread_join(x, 0);
  pthread_create(&y, 0, bc, 0);
  pthread_join(y, 0);
  return 0;
}

// CHECK:      WARNING: weft: lock-order-inversion (potential deadlock) (pid={{[0-9]+}})
// CHECK-NEXT:   Cycle in lock order graph: M0 (0x{{[0-9a-f]+}}) => M1 (0x{{[0-9a-f]+}}) => M0
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M1 acquired here while holding mutex M0 in thread T2:
// CHECK-NEXT:     #0 bc {{.*}}lock_order_after_repeats.c:33:3 (lock_order_after_repeats.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M0 previously acquired by the same thread here:
// CHECK-NEXT:     #0 bc {{.*}}lock_order_after_repeats.c:32:3 (lock_order_after_repeats.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M0 acquired here while holding mutex M1 in thread T1:
// CHECK-NEXT:     #0 acb {{.*}}lock_order_after_repeats.c:24:3 (lock_order_after_repeats.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M1 previously acquired by the same thread here:
// CHECK-NEXT:     #0 acb {{.*}}lock_order_after_repeats.c:23:3 (lock_order_after_repeats.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: lock-order-inversion (potential deadlock) {{.*}}lock_order_after_repeats.c:33:3 in bc
// CHECK-NEXT: To reproduce: WEFT_SEED=0x1 {{.*}}lock_order_after_repeats.c.tmp
