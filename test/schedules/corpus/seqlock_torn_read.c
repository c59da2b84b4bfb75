// A sequence lock whose writer bumps the sequence only after writing: a
// reader that starts while the writer is between its two stores sees an
// even, unchanged sequence before and after, and accepts a torn pair. The
// pair's words and the sequence are atomics (no data race); the invariant
// x == y is what breaks. (FIXED: the writer makes the sequence odd before
// it writes and even again after.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

static atomic_uint seq;
static atomic_int x, y;

static void *writer(void *arg) {
  for (int i = 1; i <= 2; i++) {
#ifdef FIXED
    atomic_fetch_add(&seq, 1);
#endif
    atomic_store(&x, i);
    atomic_store(&y, i);
    atomic_fetch_add(&seq, 1);
  }
  return 0;
}

static void *reader(void *arg) {
  for (int tries = 0; tries < 2; tries++) {
    unsigned before, after;
    int a, b;
    do {
      before = atomic_load(&seq);
      a = atomic_load(&x);
      b = atomic_load(&y);
      after = atomic_load(&seq);
    } while ((before & 1) || before != after);
    assert(a == b && "read a torn pair");
  }
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
