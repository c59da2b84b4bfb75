// T1 makes a mutex per task (malloc, init, lock, write, unlock, destroy,
// free), a hundred times at the same address and lock site, the way a pool
// makes a future's shared state per task: lock sets name a held lock by its
// address and lock site, so every task's mutex shares the first one's
// lock-set node. The last task writes `shared`, which T2 writes under
// another mutex with nothing ordering the two: the report names T1's mutex
// with its address and where T1 took it, as for any mutex. Exit 66.
// Its twin (lock_set_reused_address_norace.c, built with ORDERED) joins T1
// before T2 starts and is silent.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// (Seed 3: T2 runs first, so T1's write is the access reported and its mutex is M0.
// Seeds 3, 5-8, 10, 11, 13, 16 and 22 of 2-40 order it so.)
// RUN: env WEFT_SEED=3 %expect-exit 66 %t 2>&1 | FileCheck %s

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int shared, scratch;
static pthread_mutex_t other = PTHREAD_MUTEX_INITIALIZER;

static __attribute__((noinline)) void locked_add(pthread_mutex_t *m, int *p) {
  pthread_mutex_lock(m);
  *p += 1;
  pthread_mutex_unlock(m);
}

static void *t1(void *arg) {
  for (int k = 0; k < 100; k++) {
    pthread_mutex_t *m = malloc(sizeof *m);
    pthread_mutex_init(m, 0);
    if (k == 99)
      fprintf(stderr, "last mutex %p\n", (void *)m);
    locked_add(m, k == 99 ? &shared : &scratch);
    pthread_mutex_destroy(m);
    free(m);
  }
  return 0;
}

static void *t2(void *arg) {
  pthread_mutex_lock(&other);
  shared += 2;
  pthread_mutex_unlock(&other);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, t1, 0);
#ifdef ORDERED
  pthread_join(x, 0);
#endif
  pthread_create(&y, 0, t2, 0);
  pthread_join(y, 0);
#ifndef ORDERED
  pthread_join(x, 0);
#endif
  return shared == 3 ? 0 : 1;
}

// CHECK:      last mutex [[M:0x[0-9a-f]+]]
// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 4 at 0x[[G:[0-9a-f]+]] by thread T1 (mutexes: write M0):
// CHECK-NEXT:     #0 locked_add {{.*}}lock_set_reused_address_race.c:25:6
// CHECK-NEXT:     #1 t1 {{.*}}lock_set_reused_address_race.c:35:5
// CHECK-EMPTY:
// CHECK-NEXT:   Previous write of size 4 at 0x[[G]] by thread T2 (mutexes: write M1):
// CHECK-NEXT:     #0 t2 {{.*}}lock_set_reused_address_race.c:44:10
// CHECK:        Mutex M0 ([[M]]) acquired by thread T1 at:
// CHECK-NEXT:     #0 locked_add {{.*}}lock_set_reused_address_race.c:24:3
// CHECK-NEXT:     #1 t1 {{.*}}lock_set_reused_address_race.c:35:5
// CHECK-EMPTY:
// CHECK-NEXT:   Mutex M1 (0x{{[0-9a-f]+}}) acquired by thread T2 at:
// CHECK-NEXT:     #0 t2 {{.*}}lock_set_reused_address_race.c:43:3
// CHECK:      SUMMARY: weft: data race {{.*}}lock_set_reused_address_race.c:25:6 in locked_add
