// deadlock:, mutex: and thread: suppressions silence lock-order inversions,
// mutex misuse and thread leaks; each kind only its own reports.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=ALL
// RUN: printf 'deadlock:take_in_order\nmutex:unlock_twice\nthread:main\n' > %t.supp
// RUN: env WEFT_SEED=1 WEFT_OPTIONS="suppressions=%t.supp print_suppressions=1" %t 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: printf 'mutex:unlock_twice\nthread:main\n' > %t.some
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.some %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=SOME

#include <pthread.h>
#include <unistd.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

static void take_in_order(pthread_mutex_t *x, pthread_mutex_t *y) {
  pthread_mutex_lock(x);
  pthread_mutex_lock(y);
  pthread_mutex_unlock(y);
  pthread_mutex_unlock(x);
}

static void unlock_twice(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  pthread_mutex_unlock(m);
  pthread_mutex_unlock(m);
}

static void *nothing(void *arg) { return arg; }

int main(void) {
  take_in_order(&a, &b);
  take_in_order(&b, &a);
  unlock_twice(&a);
  pthread_t t;
  pthread_create(&t, 0, nothing, 0);
  sleep(1);
  return 0;
}

// ALL: WARNING: weft: lock-order-inversion (potential deadlock)
// ALL: WARNING: weft: unlock of an unlocked mutex
// ALL: WARNING: weft: thread leak
// ALL: weft: reported 3 warnings
// NONE-NOT: WARNING
// NONE:      weft: matched 3 suppressions (pid={{[0-9]+}}):
// NONE-NEXT:   1 deadlock:take_in_order
// NONE-NEXT:   1 mutex:unlock_twice
// NONE-NEXT:   1 thread:main
// SOME: WARNING: weft: lock-order-inversion (potential deadlock)
// SOME-NOT: WARNING
// SOME: weft: reported 1 warning
