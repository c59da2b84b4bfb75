// The notifier sets the predicate (an atomic, so there is no data race) and
// signals without taking the waiter's mutex. The waiter checks the predicate
// under the mutex and then waits; if the store and the signal both fall
// between its check and its wait, nobody is waiting when the signal comes
// and the waiter sleeps for ever (deadlock). (FIXED: the notifier sets the
// predicate while holding the mutex, so it cannot fall in that window.)
#include <pthread.h>
#include <stdatomic.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static atomic_int ready;

static void *waiter(void *arg) {
  pthread_mutex_lock(&m);
  while (!atomic_load(&ready))
    pthread_cond_wait(&cv, &m);
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t w;
  pthread_create(&w, 0, waiter, 0);
#ifdef FIXED
  pthread_mutex_lock(&m);
  atomic_store(&ready, 1);
  pthread_mutex_unlock(&m);
#else
  atomic_store(&ready, 1);
#endif
  pthread_cond_signal(&cv);
  pthread_join(w, 0);
  return 0;
}
