// Readers under a read lock and a writer under the write lock: no race.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 100 --seed 21 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 100 schedules, 0 failed

#include <pthread.h>

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static int table[4];

static void *reader(void *arg) {
  int sum = 0;
  for (int i = 0; i < 10; i++) {
    pthread_rwlock_rdlock(&lock);
    sum += table[i % 4];
    pthread_rwlock_unlock(&lock);
  }
  return (void *)(long)sum;
}

static void *writer(void *arg) {
  for (int i = 0; i < 10; i++) {
    pthread_rwlock_wrlock(&lock);
    table[i % 4]++;
    pthread_rwlock_unlock(&lock);
  }
  return 0;
}

int main(void) {
  pthread_t r1, r2, w;
  pthread_create(&r1, 0, reader, 0);
  pthread_create(&w, 0, writer, 0);
  pthread_create(&r2, 0, reader, 0);
  pthread_join(r1, 0);
  pthread_join(w, 0);
  pthread_join(r2, 0);
  return 0;
}
