// A ticket lock whose "take a ticket" is an atomic load followed by an
// atomic store instead of one fetch-and-add: two threads can draw the same
// ticket and then hold the lock together. The critical section counts its
// occupants (atomically) and asserts it is alone. (FIXED: fetch-and-add.)
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define THREADS 3

static atomic_uint next_ticket, now_serving;
static atomic_int inside;

static unsigned lock(void) {
#ifdef FIXED
  unsigned mine = atomic_fetch_add(&next_ticket, 1);
#else
  unsigned mine = atomic_load(&next_ticket);
  atomic_store(&next_ticket, mine + 1);
#endif
  // "Until my turn has come" rather than "until it is exactly my turn":
  // a holder of a duplicated ticket whose turn went by still gets in, so
  // the bug shows as two threads inside, never as a thread waiting for ever.
  while ((int)(atomic_load(&now_serving) - mine) < 0)
    sched_yield();
  return mine;
}

// Serves the ticket after the holder's own (a store, not an increment, so
// that two holders of one ticket do not skip the next one's turn).
static void unlock(unsigned mine) { atomic_store(&now_serving, mine + 1); }

static void *worker(void *arg) {
  unsigned ticket = lock();
  int others = atomic_fetch_add(&inside, 1);
  assert(others == 0 && "two threads hold the ticket lock at once");
  atomic_fetch_sub(&inside, 1);
  unlock(ticket);
  return arg;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], 0);
  return 0;
}
