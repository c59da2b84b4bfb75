// AnnotateIgnoreSyncBegin/End make the thread's synchronization in between
// invisible, as under TSan: the writer hands off through a mutex (default)
// or a release store (-DUSE_ATOMIC) inside the ignored section, so it
// releases nothing, and the reader's later read of the payload is a data
// race. The twin, ignore_sync_norace.c, ends the section before the
// hand-off.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x9 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -DUSE_ATOMIC %s -o %t.atomic
// RUN: env WEFT_SEED=0x9 %expect-exit 66 %t.atomic 2>&1 | FileCheck %s

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

void AnnotateIgnoreSyncBegin(const char *f, int l);
void AnnotateIgnoreSyncEnd(const char *f, int l);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static atomic_int ready; // set under mu (relaxed: the mutex would order)
static atomic_int flag;
long payload; // not static: GlobalOpt would shrink it to a bool

static void *writer(void *arg) {
  payload = 42;
  AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
#ifdef USE_ATOMIC
  atomic_store_explicit(&flag, 1, memory_order_release);
#else
  pthread_mutex_lock(&mu);
  atomic_store_explicit(&ready, 1, memory_order_relaxed);
  pthread_mutex_unlock(&mu);
#endif
  AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
#ifdef USE_ATOMIC
  while (!atomic_load_explicit(&flag, memory_order_acquire))
    ;
#else
  int seen = 0;
  while (!seen) {
    pthread_mutex_lock(&mu);
    seen = atomic_load_explicit(&ready, memory_order_relaxed);
    pthread_mutex_unlock(&mu);
  }
#endif
  long v = payload;
  pthread_join(t, NULL);
  printf("payload = %ld\n", v);
  return 0;
}

// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Read of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}ignore_sync_race.c:52
// CHECK:        Previous write of size 8 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 writer {{.*}}ignore_sync_race.c:25
// CHECK:        Location is global 'payload'
// CHECK:      payload = 42
// CHECK:      weft: reported 1 warning
