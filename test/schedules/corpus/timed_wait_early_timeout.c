// A timed wait that "cannot" time out: the program asserts that the worker
// signals within 10 seconds. Any timed wait can time out first (a loaded
// machine, a stopped process). (FIXED: a timeout means "check again".)
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void *worker(void *arg) {
  pthread_mutex_lock(&m);
  ready = 1;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_mutex_lock(&m);
  pthread_create(&t, 0, worker, 0);
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 10;
  while (!ready) {
    int rc = pthread_cond_timedwait(&cv, &m, &deadline);
#ifndef FIXED
    assert(rc == 0 && "timed out waiting for the worker");
#else
    (void)rc;
#endif
  }
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return 0;
}
