// A wait group whose count is raised by each worker when it starts, not by
// the code that starts it (the Go bug of calling wg.Add inside the
// goroutine). The main thread waits until the count is back to zero; if it
// looks before some worker has started, the count is already zero and it
// reads the results early. (FIXED: main raises the count for each worker
// before creating it.)
#include <assert.h>
#include <pthread.h>

#define WORKERS 3

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static int pending; // under m
static int results; // under m

static void *worker(void *arg) {
#ifndef FIXED
  pthread_mutex_lock(&m);
  pending++;
  pthread_mutex_unlock(&m);
#endif
  pthread_mutex_lock(&m);
  results++;
  if (--pending == 0)
    pthread_cond_broadcast(&done_cv);
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t t[WORKERS];
  for (int i = 0; i < WORKERS; i++) {
#ifdef FIXED
    pthread_mutex_lock(&m);
    pending++;
    pthread_mutex_unlock(&m);
#endif
    pthread_create(&t[i], 0, worker, 0);
  }
  pthread_mutex_lock(&m);
  while (pending > 0)
    pthread_cond_wait(&done_cv, &m);
  int seen = results;
  pthread_mutex_unlock(&m);
  assert(seen == WORKERS && "the wait group let main go before every worker finished");
  for (int i = 0; i < WORKERS; i++)
    pthread_join(t[i], 0);
  return 0;
}
