// Double-checked initialization that raises the "ready" flag before it
// fills in the object. The flag is an atomic and the object's fields are
// written and read under the lock or after the flag, so there is no data
// race on the flag; the fields are atomics too, so the only bug is the
// order: a second thread that sees the flag skips the lock and uses an
// object whose fields are still zero. (FIXED: the flag is raised last.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

struct config {
  atomic_int buffer_size;
  atomic_int workers;
};

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int ready;
static struct config cfg;

static struct config *get_config(void) {
  if (!atomic_load(&ready)) {
    pthread_mutex_lock(&init_lock);
    if (!atomic_load(&ready)) {
#ifdef FIXED
      atomic_store(&cfg.buffer_size, 4096);
      atomic_store(&cfg.workers, 4);
      atomic_store(&ready, 1);
#else
      atomic_store(&ready, 1);
      atomic_store(&cfg.buffer_size, 4096);
      atomic_store(&cfg.workers, 4);
#endif
    }
    pthread_mutex_unlock(&init_lock);
  }
  return &cfg;
}

static void *user(void *arg) {
  struct config *c = get_config();
  assert(atomic_load(&c->buffer_size) == 4096 && atomic_load(&c->workers) == 4 &&
         "used the configuration before it was initialized");
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, user, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
