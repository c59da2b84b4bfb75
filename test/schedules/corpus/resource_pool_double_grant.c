// A pool of two buffers: a counting semaphore says how many are free, and a
// thread that got past it looks for a free one under the lock, then marks
// it taken in a second critical section. Two threads can both find the
// same buffer free in between, and both use it. (FIXED: the search and the
// marking are one critical section.)
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>

#define BUFFERS 2
#define THREADS 3

static sem_t free_buffers;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int taken[BUFFERS];      // under m
static atomic_int users[BUFFERS]; // threads using each buffer now

static int acquire(void) {
  sem_wait(&free_buffers);
  pthread_mutex_lock(&m);
  int b = 0;
  while (taken[b])
    b++;
#ifndef FIXED
  pthread_mutex_unlock(&m);
  pthread_mutex_lock(&m);
#endif
  taken[b] = 1;
  pthread_mutex_unlock(&m);
  return b;
}

static void release(int b) {
  pthread_mutex_lock(&m);
  taken[b] = 0;
  pthread_mutex_unlock(&m);
  sem_post(&free_buffers);
}

static void *worker(void *arg) {
  for (int i = 0; i < 2; i++) {
    int b = acquire();
    int before = atomic_fetch_add(&users[b], 1);
    assert(before == 0 && "two threads were given the same buffer");
    atomic_fetch_sub(&users[b], 1);
    release(b);
  }
  return arg;
}

int main(void) {
  sem_init(&free_buffers, 0, BUFFERS);
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], 0);
  sem_destroy(&free_buffers);
  return 0;
}
