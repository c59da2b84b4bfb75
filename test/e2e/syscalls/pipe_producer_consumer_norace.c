// A producer thread writes into a pipe and a consumer thread reads from it:
// the consumer's blocking read must leave the schedule so the producer can
// run. Every schedule finishes, and the data published before each write is
// ordered before the read that receives it (write releases, read acquires).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 3 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <unistd.h>

static int fds[2];
static int payload[8];

static void *producer(void *arg) {
  for (int i = 0; i < 8; ++i) {
    payload[i] = i * 10; // published through the pipe write below
    char c = (char)i;
    if (write(fds[1], &c, 1) != 1)
      return (void *)1;
  }
  return 0;
}

static void *consumer(void *arg) {
  long sum = 0;
  for (int i = 0; i < 8; ++i) {
    char c;
    if (read(fds[0], &c, 1) != 1)
      return (void *)1;
    sum += payload[(int)c];
  }
  return (void *)(sum == 280 ? 0 : 1);
}

int main(void) {
  if (pipe(fds) != 0)
    return 2;
  pthread_t p, c;
  void *rc;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&p, 0, producer, 0);
  pthread_join(p, 0);
  pthread_join(c, &rc);
  return rc != 0;
}
