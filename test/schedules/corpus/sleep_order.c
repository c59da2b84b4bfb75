// Order by sleeping: A sleeps 10ms and B 20ms before appending to a log, and
// the program expects "AB". (FIXED: B waits for A's entry on a condition
// variable.)
#include <assert.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static char log_[3];
static int len;

static void append(char c) {
  pthread_mutex_lock(&m);
#ifdef FIXED
  while (c == 'B' && len == 0)
    pthread_cond_wait(&cv, &m);
#endif
  log_[len++] = c;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&m);
}

static void *a(void *arg) {
  usleep(10000);
  append('A');
  return 0;
}

static void *b(void *arg) {
  usleep(20000);
  append('B');
  return 0;
}

int main(void) {
  pthread_t ta, tb;
  pthread_create(&ta, 0, a, 0);
  pthread_create(&tb, 0, b, 0);
  pthread_join(ta, 0);
  pthread_join(tb, 0);
  assert(strcmp(log_, "AB") == 0);
  return 0;
}
