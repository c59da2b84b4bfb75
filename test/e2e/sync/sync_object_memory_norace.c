// The race-free twin of sync_object_memory_race.c: the same operations on
// the same objects, with the worker joined before main initializes,
// destroys or frees the object. Silent for every object kind.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x5 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 20 --seed 2 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t spin;
static pthread_barrier_t barrier;
static pthread_cond_t *cond;

static void *worker(void *arg) {
  pthread_mutex_lock(&mu);
  pthread_mutex_unlock(&mu);
  pthread_rwlock_rdlock(&rw);
  pthread_rwlock_unlock(&rw);
  pthread_spin_lock(&spin);
  pthread_spin_unlock(&spin);
  pthread_barrier_wait(&barrier); // with main: both pass together
  pthread_cond_signal(cond);
  return NULL;
}

int main(void) {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_barrier_init(&barrier, NULL, 2);
  cond = malloc(sizeof *cond);
  pthread_cond_init(cond, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_mutex_lock(&mu); // the operations race nothing among themselves
  pthread_mutex_unlock(&mu);
  pthread_barrier_wait(&barrier);
  pthread_cond_broadcast(cond);
  pthread_join(t, NULL);
  pthread_mutex_destroy(&mu);
  pthread_mutex_init(&mu, NULL);
  pthread_mutex_destroy(&mu);
  pthread_rwlock_destroy(&rw);
  pthread_spin_destroy(&spin);
  pthread_barrier_destroy(&barrier);
  pthread_barrier_init(&barrier, NULL, 1);
  pthread_barrier_destroy(&barrier);
  pthread_cond_destroy(cond);
  free(cond);
  printf("done\n");
  return 0;
}

// CHECK: done
