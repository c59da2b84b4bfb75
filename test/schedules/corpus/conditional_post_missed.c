// The producer posts the consumer's semaphore only when the consumer says
// it is sleeping (to save system calls). The consumer announces that with a
// flag it sets before sem_wait, and the producer reads the flag before it
// hands over the item. If the producer looks before the consumer has set
// the flag, it does not post, and the consumer then sleeps on a semaphore
// nobody will post (deadlock). (FIXED: the item and the flag are exchanged
// under one mutex, and whoever comes second does the waking.)
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>

static sem_t wake;
static atomic_int sleeping;
static atomic_int item;
#ifdef FIXED
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
#endif

static void *consumer(void *arg) {
#ifdef FIXED
  pthread_mutex_lock(&m);
  int have = atomic_load(&item) != 0;
  if (!have)
    atomic_store(&sleeping, 1);
  pthread_mutex_unlock(&m);
  if (!have)
    sem_wait(&wake);
#else
  if (atomic_load(&item) == 0) {
    atomic_store(&sleeping, 1);
    sem_wait(&wake);
  }
#endif
  return arg;
}

int main(void) {
  sem_init(&wake, 0, 0);
  pthread_t c;
  pthread_create(&c, 0, consumer, 0);
#ifdef FIXED
  pthread_mutex_lock(&m);
  atomic_store(&item, 42);
  int post = atomic_load(&sleeping);
  pthread_mutex_unlock(&m);
  if (post)
    sem_post(&wake);
#else
  int post = atomic_load(&sleeping);
  atomic_store(&item, 42);
  if (post)
    sem_post(&wake);
#endif
  pthread_join(c, 0);
  sem_destroy(&wake);
  return 0;
}
