// Each side of a race holds a different mutex: both access lines list the
// locks held ("mutexes: write M0"), and a section per mutex says where it
// was acquired, for the previous access too (stored as a context id).
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
int shared;

static void *worker(void *arg) {
  pthread_mutex_lock(&a);
  shared = 1;
  pthread_mutex_unlock(&a);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_mutex_lock(&b);
  shared = 2;
  pthread_mutex_unlock(&b);
  pthread_join(t, 0);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by [[CUR:main thread|thread T1]] (mutexes: write M0):
// CHECK-NEXT:     #0 {{main|worker}} {{.*}}race_mutexes_held.c:{{15|24}}:{{[0-9]+}} (race_mutexes_held.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by [[PREV:main thread|thread T1]] (mutexes: write M1):
// CHECK-NEXT:     #0 {{main|worker}} {{.*}}race_mutexes_held.c:{{15|24}}:{{[0-9]+}} (race_mutexes_held.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Location is global 'shared' of size 4 at 0x{{[0-9a-f]+}} (race_mutexes_held.c.tmp+0x{{[0-9a-f]+}})
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M0 (0x{{[0-9a-f]+}}) acquired by [[CUR]] at:
// CHECK-NEXT:     #0 {{main|worker}} {{.*}}race_mutexes_held.c:{{14|23}}:3 (race_mutexes_held.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        Mutex M1 (0x{{[0-9a-f]+}}) acquired by [[PREV]] at:
// CHECK-NEXT:     #0 {{main|worker}} {{.*}}race_mutexes_held.c:{{14|23}}:3 (race_mutexes_held.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: data race {{.*}}race_mutexes_held.c:{{15|24}}:{{[0-9]+}} in {{main|worker}}
// TSAN-DIFFERS: The race shows only in interleavings the lock does not order; weft's pinned schedule has one, TSan's run happened not to.
