// sem_post happens before the sem_wait that consumes it: a producer hands
// items to a consumer through a semaphore-guarded buffer.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 4 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <semaphore.h>
#include <pthread.h>

static sem_t items;
static int buffer[8];

static void *producer(void *arg) {
  for (int i = 0; i < 8; i++) {
    buffer[i] = i * i;
    sem_post(&items);
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
  sem_destroy(&items);
  return sum == 140 ? 0 : 1;
}
