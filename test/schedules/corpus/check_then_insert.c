// Check-then-act across critical sections: a cache miss is detected under
// the lock, the value computed outside it, and inserted under the lock
// again; two threads can both miss and both insert. (FIXED: check again
// after re-locking.)
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int present, value;

static void *lookup(void *arg) {
  pthread_mutex_lock(&m);
  int hit = present;
  pthread_mutex_unlock(&m);
  if (hit)
    return 0;
  int computed = 6 * 7;
  pthread_mutex_lock(&m);
#ifdef FIXED
  if (!present) {
#else
  {
    assert(!present && "inserted twice");
#endif
    present = 1;
    value = computed;
  }
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, lookup, 0);
  pthread_create(&b, 0, lookup, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return value == 42 ? 0 : 1;
}
