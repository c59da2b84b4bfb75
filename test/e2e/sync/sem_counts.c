// Blocking semantics of a counting semaphore: at most `value` threads are
// inside at once, trywait fails with EAGAIN at zero, getvalue reports the
// count, and every waiter gets through once enough units are posted.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 5 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <sched.h>

static sem_t slots;
static atomic_int inside, max_inside;

static void *worker(void *arg) {
  for (int i = 0; i < 3; i++) {
    sem_wait(&slots);
    int now = atomic_fetch_add(&inside, 1) + 1;
    int seen = atomic_load(&max_inside);
    while (now > seen && !atomic_compare_exchange_weak(&max_inside, &seen, now)) {
    }
    sched_yield();
    atomic_fetch_sub(&inside, 1);
    sem_post(&slots);
  }
  return 0;
}

int main(void) {
  pthread_t t[4];
  int value = -1;
  sem_init(&slots, 0, 2);
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  if (atomic_load(&max_inside) > 2)
    return 1;
  sem_getvalue(&slots, &value);
  if (value != 2)
    return 2;
  sem_wait(&slots);
  sem_wait(&slots);
  if (sem_trywait(&slots) != -1 || errno != EAGAIN)
    return 3;
  sem_getvalue(&slots, &value);
  return value == 0 ? 0 : 4;
}
