// Threads keep a shared maximum up to date with "load, compare, store":
// each step is atomic, the update is not. A thread that loaded the old
// maximum, then stored its value after another thread stored a larger one,
// lowers the maximum again. (FIXED: a compare-and-swap loop.)
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

#define THREADS 3

static atomic_int maximum;

static void *update(void *arg) {
  int mine = (int)(long)arg;
#ifdef FIXED
  int seen = atomic_load(&maximum);
  while (mine > seen && !atomic_compare_exchange_weak(&maximum, &seen, mine))
    ;
#else
  int seen = atomic_load(&maximum);
  if (mine > seen)
    atomic_store(&maximum, mine);
#endif
  return 0;
}

int main(void) {
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], 0, update, (void *)(10 * (i + 1)));
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], 0);
  assert(atomic_load(&maximum) == 10 * THREADS && "a smaller value overwrote the maximum");
  return 0;
}
