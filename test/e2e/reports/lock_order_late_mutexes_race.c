// Two mutexes created after the program has made a million sync objects
// (release stores to fresh atomics, freed again) are taken in opposite
// orders by two threads: their uids are past a million, and the lock-order
// graph, which numbers only the mutexes that nest, still finds the cycle
// and names the mutexes in creation order (M0 is a, the older). Exit 66.
// Its twin (lock_order_late_mutexes_norace.c, built with ORDERED) takes
// them in one order and is silent. BS::thread_pool's tests made 28 M such
// objects before a lock nested; the graph used to grow with the uid.
// EXPECT: lock-order
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static pthread_mutex_t *a, *b;

static void *ab(void *arg) {
  pthread_mutex_lock(a);
  pthread_mutex_lock(b);
  pthread_mutex_unlock(b);
  pthread_mutex_unlock(a);
  return 0;
}

static void *ba(void *arg) {
#ifdef ORDERED
  pthread_mutex_lock(a);
  pthread_mutex_lock(b);
  pthread_mutex_unlock(b);
  pthread_mutex_unlock(a);
#else
  pthread_mutex_lock(b);
  pthread_mutex_lock(a);
  pthread_mutex_unlock(a);
  pthread_mutex_unlock(b);
#endif
  return 0;
}

int main(void) {
  // A million sync objects, 4,096 live at a time.
  for (int round = 0; round < 250; round++) {
    atomic_int *flags = malloc(4096 * sizeof *flags);
    for (int i = 0; i < 4096; i++)
      atomic_store_explicit(&flags[i], i, memory_order_release);
    free(flags);
  }
  a = malloc(sizeof *a);
  b = malloc(sizeof *b);
  pthread_mutex_init(a, 0);
  pthread_mutex_init(b, 0);
  pthread_t x, y;
  pthread_create(&x, 0, ab, 0);
  pthread_join(x, 0);
  pthread_create(&y, 0, ba, 0);
  pthread_join(y, 0);
  pthread_mutex_destroy(b);
  pthread_mutex_destroy(a);
  free(b);
  free(a);
  return 0;
}

// CHECK:      WARNING: weft: lock-order-inversion (potential deadlock) (pid={{[0-9]+}})
// CHECK-NEXT:   Cycle in lock order graph: M0 (0x[[A:[0-9a-f]+]]) => M1 (0x[[B:[0-9a-f]+]]) => M0
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M1 acquired here while holding mutex M0 in thread T1:
// CHECK-NEXT:     #0 ab {{.*}}lock_order_late_mutexes_race.c:21:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M0 previously acquired by the same thread here:
// CHECK-NEXT:     #0 ab {{.*}}lock_order_late_mutexes_race.c:20:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M0 acquired here while holding mutex M1 in thread T2:
// CHECK-NEXT:     #0 ba {{.*}}lock_order_late_mutexes_race.c:35:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M1 previously acquired by the same thread here:
// CHECK-NEXT:     #0 ba {{.*}}lock_order_late_mutexes_race.c:34:3 ({{.*}})
// CHECK:      SUMMARY: weft: lock-order-inversion (potential deadlock) {{.*}}lock_order_late_mutexes_race.c:21:3 in ab
// CHECK:      weft: reported 1 warning
