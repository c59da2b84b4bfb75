// Atomicity violation across two critical sections: the balance is checked
// under the lock, the lock is dropped, then retaken to withdraw. Two
// withdrawals can both pass the check. (FIXED: one critical section.)
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int balance = 100;

static void *withdraw(void *arg) {
  pthread_mutex_lock(&m);
  int ok = balance >= 80;
#ifndef FIXED
  pthread_mutex_unlock(&m);
  pthread_mutex_lock(&m);
#endif
  if (ok)
    balance -= 80;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, withdraw, 0);
  pthread_create(&b, 0, withdraw, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(balance >= 0);
  return 0;
}
