// Missed wake-up: the waiter tests the flag before taking the lock, so the
// signal can come between its test and its wait, and it sleeps forever
// (a deadlock). (FIXED: test the flag under the lock, in a loop.)
#include <pthread.h>
#include <stdatomic.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static atomic_int ready;

static void *waiter(void *arg) {
#ifdef FIXED
  pthread_mutex_lock(&m);
  while (!atomic_load(&ready))
    pthread_cond_wait(&cv, &m);
  pthread_mutex_unlock(&m);
#else
  if (!atomic_load(&ready)) {
    pthread_mutex_lock(&m);
    pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
  }
#endif
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, waiter, 0);
  pthread_mutex_lock(&m);
  atomic_store(&ready, 1);
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return 0;
}
