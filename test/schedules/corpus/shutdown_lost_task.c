// Shutdown races with submission: a worker drains a task queue and exits
// when it finds the queue empty and the pool shut down, but it reads the
// two in separate critical sections. A task submitted and the pool shut
// down between the worker's two looks is never run. (FIXED: the worker
// reads both under one lock.)
#include <assert.h>
#include <pthread.h>
#include <sched.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int queued;   // under m
static int shutdown; // under m
static int ran;      // under m

static void *worker(void *arg) {
  for (;;) {
    pthread_mutex_lock(&m);
    int have = queued > 0;
    if (have) {
      queued--;
      ran++;
    }
#ifdef FIXED
    int done = !have && shutdown;
    pthread_mutex_unlock(&m);
#else
    pthread_mutex_unlock(&m);
    pthread_mutex_lock(&m);
    int done = !have && shutdown;
    pthread_mutex_unlock(&m);
#endif
    if (done)
      return 0;
    if (!have)
      sched_yield();
  }
}

int main(void) {
  pthread_t w;
  pthread_create(&w, 0, worker, 0);
  pthread_mutex_lock(&m);
  queued++;
  pthread_mutex_unlock(&m);
  pthread_mutex_lock(&m);
  queued++;
  shutdown = 1;
  pthread_mutex_unlock(&m);
  pthread_join(w, 0);
  assert(ran == 2 && "a task submitted before shutdown never ran");
  return 0;
}
