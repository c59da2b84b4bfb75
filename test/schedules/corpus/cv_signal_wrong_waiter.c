// One condition variable, two kinds of waiter, pthread_cond_signal: a
// consumer of items and a closer waiting for the queue to drain share a
// condition variable. The producer's signal after its last item may wake
// the closer, which sees items left and waits again, while the consumer
// sleeps on: nobody wakes anybody again (a deadlock). It needs the closer
// to be waiting when the signal comes, and the signal to pick it. (FIXED:
// pthread_cond_broadcast, which wakes every waiter so that the one whose
// condition holds goes on.)
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int items;    // under m
static int consumed; // under m

static void notify(void) {
#ifdef FIXED
  pthread_cond_broadcast(&changed);
#else
  pthread_cond_signal(&changed);
#endif
}

static void *consumer(void *arg) {
  pthread_mutex_lock(&m);
  for (int taken = 0; taken < 2; taken++) {
    while (items == 0)
      pthread_cond_wait(&changed, &m);
    items--;
    consumed++;
    notify(); // the queue changed: the closer may be waiting for it
  }
  pthread_mutex_unlock(&m);
  return 0;
}

static void *closer(void *arg) {
  pthread_mutex_lock(&m);
  while (consumed < 2)
    pthread_cond_wait(&changed, &m);
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t c, d;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&d, 0, closer, 0);
  for (int i = 0; i < 2; i++) {
    pthread_mutex_lock(&m);
    items++;
    notify();
    pthread_mutex_unlock(&m);
  }
  pthread_join(c, 0);
  pthread_join(d, 0);
  return 0;
}
