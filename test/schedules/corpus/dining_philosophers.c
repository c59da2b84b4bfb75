// Three philosophers, each taking the fork on the left and then the one on
// the right. The deadlock needs all three to hold their left fork at once:
// a cycle of three locks, two preemptions deep (opposite_locking.c has the
// two-lock cycle). (FIXED: each takes the lower-numbered fork first, so the
// forks are ordered and no cycle can form.)
#include <pthread.h>

#define N 3

static pthread_mutex_t fork_lock[N] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                       PTHREAD_MUTEX_INITIALIZER};
static int meals[N]; // meals[i] under fork_lock[i]

static void *philosopher(void *arg) {
  int i = (int)(long)arg;
  int left = i, right = (i + 1) % N;
#ifdef FIXED
  int first = left < right ? left : right;
  int second = left < right ? right : left;
#else
  int first = left, second = right;
#endif
  pthread_mutex_lock(&fork_lock[first]);
  pthread_mutex_lock(&fork_lock[second]);
  meals[i]++;
  pthread_mutex_unlock(&fork_lock[second]);
  pthread_mutex_unlock(&fork_lock[first]);
  return 0;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], 0, philosopher, (void *)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], 0);
  return 0;
}
