// The main thread joins a worker while holding a lock the worker needs to
// finish. If the worker has already been through its critical section, the
// join returns; if main takes the lock first, main waits for the worker and
// the worker waits for the lock (deadlock). (FIXED: main releases the lock
// before it joins.)
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int log_lines; // under m

static void *worker(void *arg) {
  pthread_mutex_lock(&m);
  log_lines++;
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t w;
  pthread_create(&w, 0, worker, 0);
  pthread_mutex_lock(&m);
  log_lines++;
#ifdef FIXED
  pthread_mutex_unlock(&m);
  pthread_join(w, 0);
#else
  pthread_join(w, 0);
  pthread_mutex_unlock(&m);
#endif
  return 0;
}
