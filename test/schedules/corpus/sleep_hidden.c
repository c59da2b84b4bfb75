// A bug hidden behind sleeps: the main thread "gives the worker time" with
// a sleep 100 times longer than the worker's, then relies on its result.
// Sleeping is not synchronization; under load the worker can be later.
// (FIXED: join the worker first.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

static atomic_int done;

static void *worker(void *arg) {
  usleep(1000);
  atomic_store(&done, 1);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef FIXED
  pthread_join(t, 0);
#else
  usleep(100000);
#endif
  assert(atomic_load(&done) && "worker not done after 100ms");
#ifndef FIXED
  pthread_join(t, 0);
#endif
  return 0;
}
