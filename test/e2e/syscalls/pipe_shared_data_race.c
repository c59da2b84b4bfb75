// Twin of pipe_producer_consumer_norace.c: the producer writes the shared
// value *after* its pipe write, so the consumer's read of it (after the pipe
// read) is not ordered: a race, even though the pipe itself synchronizes.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: {{Read|Write}} of size 4 at {{.*}} by {{.*}}:
// CHECK: Location is global 'shared' of size 4
// CHECK: SUMMARY: weft: data race {{.*}}pipe_shared_data_race.c

#include <pthread.h>
#include <unistd.h>

static int fds[2];
int shared;

static void *producer(void *arg) {
  char c = 'x';
  if (write(fds[1], &c, 1) != 1)
    return (void *)1;
  shared = 42; // after the write: not published by it
  return 0;
}

static void *consumer(void *arg) {
  char c;
  if (read(fds[0], &c, 1) != 1)
    return (void *)1;
  return (void *)(long)shared;
}

int main(void) {
  if (pipe(fds) != 0)
    return 2;
  pthread_t p, c;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&p, 0, producer, 0);
  pthread_join(p, 0);
  pthread_join(c, 0);
  return 0;
}
