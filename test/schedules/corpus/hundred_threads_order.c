// One order among a hundred threads: worker 0 opens a log and worker 99
// writes its line into it; each of the other 98 does unrelated work under
// a lock. The log is opened by worker 0, the first one created, so in
// almost every schedule it is open long before worker 99, the last one
// created, even exists; the bug shows only when worker 99 runs its write
// before worker 0 has run its open, among 101 threads. No data race: the
// log's state is atomic. (FIXED: worker 99 waits for the log to be open.)
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

enum { Threads = 100 };

static atomic_int log_open;
static atomic_int lines;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long work; // under lock

static void *worker(void *arg) {
  long id = (long)arg;
  if (id == 0) {
    atomic_store(&log_open, 1);
  } else if (id == Threads - 1) {
#ifdef FIXED
    while (!atomic_load(&log_open))
      sched_yield();
#endif
    assert(atomic_load(&log_open) && "wrote to the log before it was opened");
    atomic_fetch_add(&lines, 1);
  } else {
    pthread_mutex_lock(&lock);
    work += id;
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

int main(void) {
  pthread_t t[Threads];
  for (long i = 0; i < Threads; i++)
    pthread_create(&t[i], 0, worker, (void *)i);
  for (int i = 0; i < Threads; i++)
    pthread_join(t[i], 0);
  assert(atomic_load(&lines) == 1);
  return 0;
}
