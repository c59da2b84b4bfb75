// A cycle through three mutexes, built by three threads one after another
// while holding several locks at once (no cap on locks held): reported once,
// with its three edges; detect_deadlocks=0 turns it off.
// EXPECT: lock-order
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=2 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 WEFT_OPTIONS=detect_deadlocks=0 %t 2>&1 | FileCheck %s --check-prefix=OFF --allow-empty

#include <pthread.h>

pthread_mutex_t m[8];

static void lock2(int x, int y) {
  pthread_mutex_lock(&m[x]);
  pthread_mutex_lock(&m[y]);
  pthread_mutex_unlock(&m[y]);
  pthread_mutex_unlock(&m[x]);
}

static void *t1(void *arg) { lock2(0, 1); return 0; }
static void *t2(void *arg) { lock2(1, 2); return 0; }
static void *t3(void *arg) {
  // Holds five locks, then takes m[0] while holding m[2]: closes 0->1->2->0.
  for (int i = 7; i >= 2; i--)
    pthread_mutex_lock(&m[i]);
  pthread_mutex_lock(&m[0]);
  pthread_mutex_unlock(&m[0]);
  for (int i = 2; i < 8; i++)
    pthread_mutex_unlock(&m[i]);
  return 0;
}

int main(void) {
  for (int i = 0; i < 8; i++)
    pthread_mutex_init(&m[i], 0);
  void *(*fns[3])(void *) = {t1, t2, t3};
  for (int i = 0; i < 3; i++) {
    pthread_t t;
    pthread_create(&t, 0, fns[i], 0);
    pthread_join(t, 0);
  }
  return 0;
}

// CHECK:      WARNING: weft: lock-order-inversion (potential deadlock)
// CHECK-NEXT:   Cycle in lock order graph: M0 (0x{{[0-9a-f]+}}) => M1 (0x{{[0-9a-f]+}}) => M2 (0x{{[0-9a-f]+}}) => M0
// CHECK:        Mutex M1 acquired here while holding mutex M0 in thread T1:
// CHECK:        Mutex M2 acquired here while holding mutex M1 in thread T2:
// CHECK:        Mutex M0 acquired here while holding mutex M2 in thread T3:
// CHECK-NEXT:     #0 t3 {{.*}}lock_order_cycle_of_three.c:26:3
// CHECK:        Mutex M2 previously acquired by the same thread here:
// CHECK-NEXT:     #0 t3 {{.*}}lock_order_cycle_of_three.c:25:5
// CHECK-NOT:  WARNING
// CHECK:      weft: reported 1 warning
// OFF-NOT:    WARNING
