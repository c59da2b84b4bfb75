// The lock-order graph covers rwlocks: a mutex taken under a read lock in
// one thread and the read lock taken under the mutex in another is a cycle.
// EXPECT: lock-order
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s

#include <pthread.h>

pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *reader_then_mutex(void *arg) {
  pthread_rwlock_rdlock(&rw);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  pthread_rwlock_unlock(&rw);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, reader_then_mutex, 0);
  pthread_join(t, 0);
  pthread_mutex_lock(&m);
  pthread_rwlock_wrlock(&rw);
  pthread_rwlock_unlock(&rw);
  pthread_mutex_unlock(&m);
  return 0;
}

// CHECK:      WARNING: weft: lock-order-inversion (potential deadlock)
// CHECK:        Mutex M1 acquired here while holding mutex M0 in thread T1:
// CHECK-NEXT:     #0 reader_then_mutex {{.*}}rwlock_lock_order.c:14:3
// CHECK:        Mutex M0 acquired here while holding mutex M1 in main thread:
// CHECK-NEXT:     #0 main {{.*}}rwlock_lock_order.c:25:3
// CHECK:      SUMMARY: weft: lock-order-inversion (potential deadlock) {{.*}}rwlock_lock_order.c:14:3 in reader_then_mutex
