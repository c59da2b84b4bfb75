// Two accounts, one lock each. A transfer moves 10 from one to the other in
// two critical sections, and an auditor reads them in two critical sections:
// it can see the money in flight. (FIXED: both hold both locks, in order.)
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t la = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lb = PTHREAD_MUTEX_INITIALIZER;
static int a = 50, b = 50;

static void *transfer(void *arg) {
#ifdef FIXED
  pthread_mutex_lock(&la);
  pthread_mutex_lock(&lb);
  a -= 10;
  b += 10;
  pthread_mutex_unlock(&lb);
  pthread_mutex_unlock(&la);
#else
  pthread_mutex_lock(&la);
  a -= 10;
  pthread_mutex_unlock(&la);
  pthread_mutex_lock(&lb);
  b += 10;
  pthread_mutex_unlock(&lb);
#endif
  return 0;
}

static void *audit(void *arg) {
  int sa, sb;
#ifdef FIXED
  pthread_mutex_lock(&la);
  pthread_mutex_lock(&lb);
  sa = a;
  sb = b;
  pthread_mutex_unlock(&lb);
  pthread_mutex_unlock(&la);
#else
  pthread_mutex_lock(&la);
  sa = a;
  pthread_mutex_unlock(&la);
  pthread_mutex_lock(&lb);
  sb = b;
  pthread_mutex_unlock(&lb);
#endif
  assert(sa + sb == 100 && "money in flight");
  return 0;
}

int main(void) {
  pthread_t t, u;
  pthread_create(&t, 0, transfer, 0);
  pthread_create(&u, 0, audit, 0);
  pthread_join(t, 0);
  pthread_join(u, 0);
  return 0;
}
