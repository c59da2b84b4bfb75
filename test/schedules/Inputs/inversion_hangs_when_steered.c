// Opposite lock orders separated by a join (so never a deadlock), in a
// program that never ends when a schedule is steered toward the
// inversion: `weft test` must give up on each steered run at its time
// limit, as on any other run.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
volatile unsigned long spins;

static void *ab(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return 0;
}

static void *ba(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return 0;
}

int main(void) {
  const char *Options = getenv("WEFT_OPTIONS");
  if (Options && strstr(Options, "steer_deadlock="))
    for (;;)
      ++spins;
  pthread_t x, y;
  pthread_create(&x, 0, ab, 0);
  pthread_join(x, 0);
  pthread_create(&y, 0, ba, 0);
  pthread_join(y, 0);
  return 0;
}
