// A cancelled thread's cleanup handler is program code like any other: its
// write races with main's read unless something orders them, and nothing
// orders the cleanup before main's read of `cleaned` but the join.
// Twin: cancel_cleanup_norace.c, this program with ORDERED (main reads
// after the join).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'cleaned'
// CHECK: SUMMARY: weft: data race {{.*}}cancel_cleanup_race.c:[[@LINE+9]]:{{[0-9]+}} in cleanup

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t never_posted;
int cleaned; // written by the cleanup

static void cleanup(void *arg) { cleaned = 42; }

static void *target(void *arg) {
  pthread_cleanup_push(cleanup, 0);
  sem_wait(&never_posted);
  pthread_cleanup_pop(0);
  return 0;
}

int main(void) {
  pthread_t t;
  void *res;
  sem_init(&never_posted, 0, 0);
  pthread_create(&t, 0, target, 0);
  pthread_cancel(t);
#ifdef ORDERED
  pthread_join(t, &res);
  int seen = cleaned;
#else
  int seen = cleaned;
  pthread_join(t, &res);
#endif
  printf("seen %d, joined: %s\n", seen,
         res == PTHREAD_CANCELED ? "canceled" : "returned");
  return 0;
}
