// pthread spinlocks are modelled as mutexes: unlock -> lock orders the
// counter updates, and a thread that finds the lock taken blocks in the
// scheduler instead of spinning with the baton (the run terminates).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

static pthread_spinlock_t lock;
static int counter;

static void *worker(void *arg) {
  for (int i = 0; i < 50; i++) {
    pthread_spin_lock(&lock);
    counter++;
    pthread_spin_unlock(&lock);
  }
  return 0;
}

int main(void) {
  pthread_t t[3];
  pthread_spin_init(&lock, PTHREAD_PROCESS_PRIVATE);
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], 0);
  if (pthread_spin_trylock(&lock) != 0)
    return 2;
  pthread_spin_unlock(&lock);
  pthread_spin_destroy(&lock);
  return counter == 150 ? 0 : 1;
}
