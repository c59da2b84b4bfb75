// A reference count decremented with a load and a store: both owners can
// read 2, both write 1, and nobody releases the object. (FIXED: fetch_sub.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

static atomic_int refs = 2;
static atomic_int releases;

static void put(void) {
#ifdef FIXED
  int left = atomic_fetch_sub(&refs, 1) - 1;
#else
  int left = atomic_load(&refs) - 1;
  atomic_store(&refs, left);
#endif
  if (left == 0)
    atomic_fetch_add(&releases, 1);
}

static void *owner(void *arg) {
  put();
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, owner, 0);
  pthread_create(&b, 0, owner, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(atomic_load(&releases) == 1 && "object leaked or released twice");
  return 0;
}
