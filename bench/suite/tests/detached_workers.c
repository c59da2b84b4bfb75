// Detached threads compute into their own slots and report completion under
// a mutex and condition variable; main waits for all of them, several waves.
#include <pthread.h>
#include <stdio.h>

enum { Workers = 32, Waves = 30, Work = 20000 };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int finished;
static long slot[Workers];

static void *work(void *arg) {
  long id = (long)arg, acc = 0;
  for (long i = 0; i < Work; i++) acc += (i ^ id) & 15;
  slot[id] = acc;
  pthread_mutex_lock(&lock);
  if (++finished == Workers) pthread_cond_signal(&all_done);
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  for (int w = 0; w < Waves; w++) {
    for (long i = 0; i < Workers; i++) {
      pthread_t t;
      pthread_create(&t, &attr, work, (void *)i);
    }
    pthread_mutex_lock(&lock);
    while (finished < Workers) pthread_cond_wait(&all_done, &lock);
    finished = 0;
    pthread_mutex_unlock(&lock);
    for (long i = 0; i < Workers; i++) {
      long want = 0;
      for (long k = 0; k < Work; k++) want += (k ^ i) & 15;
      if (slot[i] != want) {
        fprintf(stderr, "wave %d worker %ld: %ld, want %ld\n", w, i, slot[i], want);
        return 1;
      }
    }
  }
  pthread_attr_destroy(&attr);
  return 0;
}
