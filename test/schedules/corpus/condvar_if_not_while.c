// A condition-variable wait under `if` instead of `while`: a woken consumer
// does not re-check, so another consumer that took the item first leaves it
// popping from an empty queue. (FIXED: while.)
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int items;

static void *consumer(void *arg) {
  pthread_mutex_lock(&m);
#ifdef FIXED
  while (items == 0)
#else
  if (items == 0)
#endif
    pthread_cond_wait(&cv, &m);
  assert(items > 0 && "popped from an empty queue");
  items--;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, consumer, 0);
  pthread_create(&b, 0, consumer, 0);
  for (int i = 0; i < 2; i++) {
    pthread_mutex_lock(&m);
    items++;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&m);
  }
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
