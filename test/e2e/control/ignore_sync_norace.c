// The race-free twin of ignore_sync_race.c: the ignored section holds only
// synchronization unrelated to the hand-off, and AnnotateIgnoreSyncEnd
// restores the edges, so the mutex and the release store after it publish
// the payload. Sections nest: two Begins need two Ends.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x9 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 30 --seed 5 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 30 schedules, 0 failed

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

void AnnotateIgnoreSyncBegin(const char *f, int l);
void AnnotateIgnoreSyncEnd(const char *f, int l);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static int ready;
long payload; // not static: GlobalOpt would shrink it to a bool
static atomic_int flag;
static atomic_long stats;

static void *writer(void *arg) {
  payload = 42;
  AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
  AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
  pthread_mutex_lock(&stats_mu);
  atomic_fetch_add_explicit(&stats, 1, memory_order_relaxed);
  pthread_mutex_unlock(&stats_mu);
  AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
  AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
  pthread_mutex_lock(&mu);
  ready = 1;
  pthread_mutex_unlock(&mu);
  atomic_store_explicit(&flag, 1, memory_order_release);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  int seen = 0;
  while (!seen) {
    pthread_mutex_lock(&mu);
    seen = ready;
    pthread_mutex_unlock(&mu);
  }
  while (!atomic_load_explicit(&flag, memory_order_acquire))
    ;
  long v = payload;
  pthread_join(t, NULL);
  printf("payload = %ld\n", v);
  return 0;
}

// CHECK: payload = 42
