// A bounded queue under a mutex and two condition variables: two producers,
// two consumers; every item is consumed exactly once.
#include <pthread.h>
#include <stdio.h>

enum { Capacity = 64, Producers = 2, Consumers = 2, PerProducer = 100000 };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long ring[Capacity];
static int head, count, producers_left = Producers;
static long sum;

static void *produce(void *arg) {
  long base = (long)arg * PerProducer;
  for (long i = 1; i <= PerProducer; i++) {
    pthread_mutex_lock(&lock);
    while (count == Capacity) pthread_cond_wait(&not_full, &lock);
    ring[(head + count++) % Capacity] = base + i;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  producers_left--;
  pthread_cond_broadcast(&not_empty);
  pthread_mutex_unlock(&lock);
  return 0;
}

static void *consume(void *arg) {
  (void)arg;
  long local = 0;
  for (;;) {
    pthread_mutex_lock(&lock);
    while (count == 0 && producers_left > 0) pthread_cond_wait(&not_empty, &lock);
    if (count == 0) {
      pthread_mutex_unlock(&lock);
      break;
    }
    local += ring[head];
    head = (head + 1) % Capacity;
    count--;
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  sum += local;
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t p[Producers], c[Consumers];
  for (long i = 0; i < Producers; i++) pthread_create(&p[i], 0, produce, (void *)i);
  for (int i = 0; i < Consumers; i++) pthread_create(&c[i], 0, consume, 0);
  for (int i = 0; i < Producers; i++) pthread_join(p[i], 0);
  for (int i = 0; i < Consumers; i++) pthread_join(c[i], 0);
  long n = (long)Producers * PerProducer, want = n * (n + 1) / 2;
  if (sum != want) {
    fprintf(stderr, "sum %ld, want %ld\n", sum, want);
    return 1;
  }
  return 0;
}
