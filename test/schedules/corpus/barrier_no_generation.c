// A reusable barrier built from a mutex and a condition variable, used for
// two rounds by three threads. The last thread to arrive sets the count
// back to zero and wakes the others; a waiter decides whether to go on by
// looking at the count alone ("back at zero: the round is over"). If a
// released thread runs on into the next round and arrives there before a
// slow waiter has woken, the count is no longer zero when the slow waiter
// looks: it waits again, for a round that left without it, and every
// thread ends up waiting (deadlock). (FIXED: the waiter waits for the
// generation number to change, not for the count.)
#include <pthread.h>

#define THREADS 3
#define ROUNDS 2

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int arrived;    // under m
static unsigned generation; // under m

static void barrier_wait(void) {
  pthread_mutex_lock(&m);
  unsigned my_round = generation;
  if (++arrived == THREADS) {
    arrived = 0; // the next round starts counting again
    generation++;
    pthread_cond_broadcast(&cv);
  } else {
#ifdef FIXED
    while (generation == my_round)
      pthread_cond_wait(&cv, &m);
#else
    (void)my_round;
    while (arrived != 0) // "the count went back to zero, so the round is over"
      pthread_cond_wait(&cv, &m);
#endif
  }
  pthread_mutex_unlock(&m);
}

static void *worker(void *arg) {
  for (int r = 0; r < ROUNDS; r++)
    barrier_wait();
  return arg;
}

int main(void) {
  pthread_t t[THREADS - 1];
  for (int i = 0; i < THREADS - 1; i++)
    pthread_create(&t[i], 0, worker, 0);
  worker(0);
  for (int i = 0; i < THREADS - 1; i++)
    pthread_join(t[i], 0);
  return 0;
}
