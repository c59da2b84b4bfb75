// A bug that needs exactly 1 preemption(s). The writer stores 1, 2, 3; the
// reader reads twice and fails on one pair of values.
// T2 must read twice between the writer's first and second store: one preemption (writer to reader; the reader then finishes).
// (FIXED: the writer's three stores and the reader's two loads are each one
// critical section, so the reader sees 0 or 3 twice.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static atomic_int x;

static void *writer(void *arg) {
#ifdef FIXED
  pthread_mutex_lock(&m);
#endif
  atomic_store(&x, 1);
  atomic_store(&x, 2);
  atomic_store(&x, 3);
#ifdef FIXED
  pthread_mutex_unlock(&m);
#endif
  return 0;
}

static void *reader(void *arg) {
#ifdef FIXED
  pthread_mutex_lock(&m);
#endif
  int r1 = atomic_load(&x);
  int r2 = atomic_load(&x);
#ifdef FIXED
  pthread_mutex_unlock(&m);
#endif
  assert(!(r1 == 1 && r2 == 1));
  return 0;
}

int main(void) {
  pthread_t w, r;
  pthread_create(&w, 0, writer, 0);
  pthread_create(&r, 0, reader, 0);
  pthread_join(w, 0);
  pthread_join(r, 0);
  return 0;
}
