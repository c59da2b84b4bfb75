// Lost update through atomics: an increment written as an atomic load then
// an atomic store is not atomic. No data race (every access is atomic), but
// two increments can collapse into one. (FIXED: atomic_fetch_add.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

static atomic_int counter;

static void *bump(void *arg) {
  for (int i = 0; i < 3; i++) {
#ifdef FIXED
    atomic_fetch_add(&counter, 1);
#else
    int v = atomic_load(&counter);
    atomic_store(&counter, v + 1);
#endif
  }
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, bump, 0);
  pthread_create(&b, 0, bump, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(atomic_load(&counter) == 6);
  return 0;
}
