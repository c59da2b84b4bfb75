// The twin of tls_race.c: main writes another thread's thread-local
// variable only after that thread published its address under a mutex and
// finished its own writes, so the accesses are ordered.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <unistd.h>

__thread int counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static int *published; // under lock
static int done;       // under lock

static void *worker(void *arg) {
  counter = 1;
  pthread_mutex_lock(&lock);
  published = &counter;
  while (!done) // keeps its TLS alive until main is done with it
    pthread_cond_wait(&done_cv, &lock);
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_mutex_lock(&lock);
  while (!published) {
    pthread_mutex_unlock(&lock);
    sleep(1);
    pthread_mutex_lock(&lock);
  }
  *published = 2;
  done = 1;
  pthread_cond_signal(&done_cv);
  pthread_mutex_unlock(&lock);
  pthread_join(t, 0);
  return 0;
}
