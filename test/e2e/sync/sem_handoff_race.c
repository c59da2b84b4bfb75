// The twin of sem_handoff_norace.c: the producer fills a slot after posting
// it, so the consumer's read races with the write.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'buffer'

#include <semaphore.h>
#include <pthread.h>

static sem_t items;
int buffer[8];

static void *producer(void *arg) {
  for (int i = 0; i < 8; i++) {
    sem_post(&items);
    buffer[i] = i * i;
  }
  return 0;
}

int main(void) {
  pthread_t p;
  int sum = 0;
  sem_init(&items, 0, 0);
  pthread_create(&p, 0, producer, 0);
  for (int i = 0; i < 8; i++) {
    sem_wait(&items);
    sum += buffer[i];
  }
  pthread_join(p, 0);
  return sum == 140 ? 0 : 1;
}
