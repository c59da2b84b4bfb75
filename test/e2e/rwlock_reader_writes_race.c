// Twin of rwlock_norace.c with a bug: "readers" modify the table under the
// read lock, which two readers can hold at once.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=21 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'table'

#include <pthread.h>

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
int table[4];

static void *reader(void *arg) {
  for (int i = 0; i < 10; i++) {
    pthread_rwlock_rdlock(&lock);
    table[i % 4]++;
    pthread_rwlock_unlock(&lock);
  }
  return 0;
}

int main(void) {
  pthread_t r1, r2;
  pthread_create(&r1, 0, reader, 0);
  pthread_create(&r2, 0, reader, 0);
  pthread_join(r1, 0);
  pthread_join(r2, 0);
  return 0;
}
