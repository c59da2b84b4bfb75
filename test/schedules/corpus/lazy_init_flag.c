// Lazy initialization guarded by a plain check of an atomic flag: two
// threads can both see "not initialized" and both initialize. (FIXED: a
// compare-and-swap claims the initialization.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

static atomic_int state; // 0 none, 1 claimed, 2 ready
static atomic_int inits;

static void init_once(void) {
#ifdef FIXED
  int expected = 0;
  if (atomic_compare_exchange_strong(&state, &expected, 1)) {
    atomic_fetch_add(&inits, 1);
    atomic_store(&state, 2);
  }
#else
  if (atomic_load(&state) == 0) {
    atomic_store(&state, 1);
    atomic_fetch_add(&inits, 1);
    atomic_store(&state, 2);
  }
#endif
}

static void *user(void *arg) {
  init_once();
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, user, 0);
  pthread_create(&b, 0, user, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(atomic_load(&inits) == 1);
  return 0;
}
