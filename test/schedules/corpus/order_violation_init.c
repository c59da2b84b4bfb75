// Order violation: the worker uses the configuration the main thread
// publishes, but nothing makes it wait for the publication. (FIXED: the
// main thread publishes before it starts the worker.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

struct config { int size; };
static struct config the_config = {42};
static _Atomic(struct config *) config;

static void *worker(void *arg) {
  struct config *c = atomic_load(&config);
  assert(c != 0 && "configuration used before it was published");
  return (void *)(long)c->size;
}

int main(void) {
  pthread_t t;
#ifdef FIXED
  atomic_store(&config, &the_config);
  pthread_create(&t, 0, worker, 0);
#else
  pthread_create(&t, 0, worker, 0);
  atomic_store(&config, &the_config);
#endif
  pthread_join(t, 0);
  return 0;
}
