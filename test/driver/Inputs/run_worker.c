// The second source of run_several_sources_{race,norace}.c: the threads'
// work, racy unless built with -DLOCKED.
#include <pthread.h>

long counter;
#ifdef LOCKED
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#endif

void *work(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
#ifdef LOCKED
    pthread_mutex_lock(&lock);
#endif
    counter++; // the racy increment
#ifdef LOCKED
    pthread_mutex_unlock(&lock);
#endif
  }
  return 0;
}
