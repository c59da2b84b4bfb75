// A thread blocked in a real read of a pipe (outside the schedule, in the
// kernel) is cancelled there by glibc; the unwind takes the baton back as it
// leaves the read, so the cleanup handler runs scheduled and join returns
// PTHREAD_CANCELED. (Before, libgcc's unwinder reached weft's pthread_once
// without the baton and the run crashed.) A thread cancelled before it
// reaches the read acts on entry, without blocking.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=TEST
// CHECK-NOT: WARNING
// CHECK: cleanup after read
// CHECK-NEXT: joined: canceled
// TEST: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int fds[2];

static void say(void *arg) { printf("cleanup after read\n"); }

static void *target(void *arg) {
  char c;
  pthread_cleanup_push(say, 0);
  read(fds[0], &c, 1); // nobody writes
  pthread_cleanup_pop(0);
  return 0;
}

int main(void) {
  pthread_t t;
  void *res;
  if (pipe(fds) != 0)
    return 2;
  pthread_create(&t, 0, target, 0);
  usleep(1000);
  pthread_cancel(t);
  pthread_join(t, &res);
  printf("joined: %s\n", res == PTHREAD_CANCELED ? "canceled" : "returned");
  return 0;
}
