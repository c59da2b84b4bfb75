// Release before use: a thread drops its reference to a shared buffer and
// only then reads from it. If the other owner drops the last reference in
// between, it recycles the buffer (here: poisons it) and the late read
// sees garbage. The count is an atomic fetch_sub, correct in itself; the
// bug is the order of the two steps. No data race: the buffer's words are
// atomics. (FIXED: read first, then drop the reference.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

enum { Poison = -1 };

static atomic_int refs = 2;
static atomic_int payload = 42;

static void put(void) {
  if (atomic_fetch_sub(&refs, 1) == 1)
    atomic_store(&payload, Poison); // the last owner recycles the buffer
}

static void *reader(void *arg) {
#ifdef FIXED
  int v = atomic_load(&payload);
  put();
#else
  put();
  int v = atomic_load(&payload);
#endif
  assert(v == 42 && "read a buffer after giving it back");
  return 0;
}

static void *owner(void *arg) {
  put();
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, reader, 0);
  pthread_create(&b, 0, owner, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
