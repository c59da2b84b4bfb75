// A pool of three resources guarded by a counting semaphore: six threads
// take one, use it, give it back; no resource is ever used twice at once.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

enum { Resources = 3, Threads = 6, Rounds = 20000 };
static sem_t available;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int in_use[Resources];
static long uses[Resources], conflicts;

static void *user(void *arg) {
  (void)arg;
  for (int r = 0; r < Rounds; r++) {
    sem_wait(&available);
    int mine = -1;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < Resources && mine < 0; i++)
      if (!in_use[i]) mine = i;
    if (mine < 0) conflicts++;
    else in_use[mine] = 1;
    pthread_mutex_unlock(&lock);
    if (mine >= 0) {
      uses[mine]++; // ours alone until given back
      pthread_mutex_lock(&lock);
      in_use[mine] = 0;
      pthread_mutex_unlock(&lock);
    }
    sem_post(&available);
  }
  return 0;
}

int main(void) {
  sem_init(&available, 0, Resources);
  pthread_t t[Threads];
  for (int i = 0; i < Threads; i++) pthread_create(&t[i], 0, user, 0);
  for (int i = 0; i < Threads; i++) pthread_join(t[i], 0);
  long total = 0;
  for (int i = 0; i < Resources; i++) total += uses[i];
  if (conflicts || total != (long)Threads * Rounds) {
    fprintf(stderr, "conflicts %ld, uses %ld\n", conflicts, total);
    return 1;
  }
  return 0;
}
