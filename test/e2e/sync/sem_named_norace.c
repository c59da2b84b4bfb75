// Named semaphores: sem_open of the same name gives the same semaphore
// (its count and its happens-before), and the value survives sem_close and
// a later sem_open.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 6 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

static char name[64];
static int message;

static void *sender(void *arg) {
  sem_t *s = sem_open(name, 0);
  message = 42;
  sem_post(s);
  sem_post(s); // one more unit for after the reopen
  sem_close(s);
  return 0;
}

int main(void) {
  pthread_t t;
  int value = -1;
  snprintf(name, sizeof name, "/weft-sem-named-%d", (int)getpid());
  sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
  if (s == SEM_FAILED)
    return 2;
  pthread_create(&t, 0, sender, 0);
  sem_wait(s);
  int got = message;
  pthread_join(t, 0);
  sem_close(s);
  s = sem_open(name, 0);
  sem_getvalue(s, &value);
  sem_close(s);
  sem_unlink(name);
  return got == 42 && value == 1 ? 0 : 1;
}
