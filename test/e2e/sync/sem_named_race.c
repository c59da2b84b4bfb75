// The twin of sem_named_norace.c: the message is written after the post.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'message'

#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

static char name[64];
int message;

static void *sender(void *arg) {
  sem_t *s = sem_open(name, 0);
  sem_post(s);
  message = 42;
  sem_close(s);
  return 0;
}

int main(void) {
  pthread_t t;
  snprintf(name, sizeof name, "/weft-sem-race-%d", (int)getpid());
  sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
  if (s == SEM_FAILED)
    return 2;
  pthread_create(&t, 0, sender, 0);
  sem_wait(s);
  int got = message;
  pthread_join(t, 0);
  sem_close(s);
  sem_unlink(name);
  return got;
}
