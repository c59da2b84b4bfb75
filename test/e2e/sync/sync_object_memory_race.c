// Synchronization objects are memory too, as under TSan: init and destroy
// write the object, lock/unlock/wait/signal read it (atomically: they never
// race each other). A worker uses the object and then sets a relaxed flag
// (which orders nothing); main waits for the flag and initializes, destroys
// or frees the object: each is a data race with the worker's operation,
// reported at main's call. Without an argument: mutex_destroy.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,MUTEX_DESTROY
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t mutex_init 2>&1 | FileCheck %s --check-prefixes=CHECK,MUTEX_INIT
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t rwlock_destroy 2>&1 | FileCheck %s --check-prefixes=CHECK,RWLOCK_DESTROY
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t spin_destroy 2>&1 | FileCheck %s --check-prefixes=CHECK,SPIN_DESTROY
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t barrier_destroy 2>&1 | FileCheck %s --check-prefixes=CHECK,BARRIER_DESTROY
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t barrier_init 2>&1 | FileCheck %s --check-prefixes=CHECK,BARRIER_INIT
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t cond_free 2>&1 | FileCheck %s --check-prefixes=CHECK,COND_FREE
// RUN: env WEFT_SEED=0x5 %expect-exit 66 %t cond_destroy 2>&1 | FileCheck %s --check-prefixes=CHECK,COND_DESTROY

// The report: main's init/destroy/free after the worker's operation.
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size {{[0-9]+}} at 0x{{[0-9a-f]+}} by main thread:
// CHECK:        Previous atomic read of size 1 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 worker {{.*}}sync_object_memory_race.c

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t spin;
static pthread_barrier_t barrier;
static pthread_cond_t *cond;
static const char *what;
static atomic_int done;

static void *worker(void *arg) {
  if (!strcmp(what, "mutex_destroy") || !strcmp(what, "mutex_init")) {
    pthread_mutex_lock(&mu);
    pthread_mutex_unlock(&mu);
  } else if (!strcmp(what, "rwlock_destroy")) {
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_unlock(&rw);
  } else if (!strcmp(what, "spin_destroy")) {
    pthread_spin_lock(&spin);
    pthread_spin_unlock(&spin);
  } else if (!strcmp(what, "barrier_destroy") || !strcmp(what, "barrier_init")) {
    pthread_barrier_wait(&barrier); // a barrier of one: passes at once
  } else {
    pthread_cond_signal(cond);
  }
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return NULL;
}

int main(int argc, char **argv) {
  what = argc > 1 ? argv[1] : "mutex_destroy";
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_barrier_init(&barrier, NULL, 1);
  cond = malloc(sizeof *cond);
  pthread_cond_init(cond, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  while (!atomic_load_explicit(&done, memory_order_relaxed))
    ;
  if (!strcmp(what, "mutex_destroy"))
    pthread_mutex_destroy(&mu); // MUTEX_DESTROY: SUMMARY: weft: data race {{.*}}race.c:[[@LINE]]
  else if (!strcmp(what, "mutex_init"))
    pthread_mutex_init(&mu, NULL); // MUTEX_INIT: SUMMARY: weft: data race {{.*}}race.c:[[@LINE]]
  else if (!strcmp(what, "rwlock_destroy"))
    pthread_rwlock_destroy(&rw); // RWLOCK_DESTROY: SUMMARY: weft: data race {{.*}}race.c:[[@LINE]]
  else if (!strcmp(what, "spin_destroy"))
    pthread_spin_destroy(&spin); // SPIN_DESTROY: SUMMARY: weft: data race {{.*}}race.c:[[@LINE]]
  else if (!strcmp(what, "barrier_destroy"))
    pthread_barrier_destroy(&barrier); // BARRIER_DESTROY: SUMMARY: weft: data race {{.*}}race.c:[[@LINE]]
  else if (!strcmp(what, "barrier_init"))
    pthread_barrier_init(&barrier, NULL, 2); // BARRIER_INIT: SUMMARY: weft: data race {{.*}}race.c:[[@LINE]]
  else if (!strcmp(what, "cond_free"))
    free(cond); // COND_FREE: SUMMARY: weft: data race {{.*}}race.c:[[@LINE]]
  else if (!strcmp(what, "cond_destroy"))
    pthread_cond_destroy(cond); // COND_DESTROY: SUMMARY: weft: data race {{.*}}race.c:[[@LINE]]
  pthread_join(t, NULL);
  printf("done\n");
  return 0;
}

// CHECK:      done
// CHECK:      weft: reported 1 warning
