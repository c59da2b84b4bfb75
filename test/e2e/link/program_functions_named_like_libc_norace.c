// A program that defines its own send, read, write and sleep functions
// links, and its own calls go to its functions, as under TSan (weft's
// interceptors are weak; the program's definitions win). Each is called
// from two threads under a mutex: silent. Its twin,
// program_functions_named_like_libc_race.c, calls them without the mutex.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: WARNING: weft
// CHECK: own send=2 read=2 write=2 sleep=2
// TEST: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <stdio.h>
#include <sys/types.h>

static int sends, reads, writes, sleeps;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

ssize_t send(int fd, const void *buf, size_t n, int flags) { sends++; return (ssize_t)n; }
ssize_t read(int fd, void *buf, size_t n) { reads++; return 0; }
ssize_t write(int fd, const void *buf, size_t n) { writes++; return (ssize_t)n; }
unsigned sleep(unsigned s) { sleeps++; return 0; }

static void calls(void) {
  char c = 0;
  pthread_mutex_lock(&m);
  send(-1, &c, 1, 0);
  read(-1, &c, 1);
  write(-1, &c, 1);
  sleep(1000); // the program's own: returns at once
  pthread_mutex_unlock(&m);
}

static void *worker(void *arg) {
  calls();
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  calls();
  pthread_join(t, 0);
  printf("own send=%d read=%d write=%d sleep=%d\n", sends, reads, writes, sleeps);
  return 0;
}
