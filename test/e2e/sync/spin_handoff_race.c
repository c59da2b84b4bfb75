// The twin of spin_handoff_norace.c: one thread updates the counter outside
// the spinlock, so the update races.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'counter'

#include <pthread.h>

static pthread_spinlock_t lock;
int counter;

static void *locked(void *arg) {
  pthread_spin_lock(&lock);
  counter++;
  pthread_spin_unlock(&lock);
  return 0;
}

static void *unlocked(void *arg) {
  counter++;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_spin_init(&lock, PTHREAD_PROCESS_PRIVATE);
  pthread_create(&a, 0, locked, 0);
  pthread_create(&b, 0, unlocked, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
