// The race-free twin of fd_close_race.c: a close ordered after the other
// thread's use (a join, or the pipe's own hand-off), a number recycled
// between threads (the new open starts its memory over, as TSan's table
// does), and dup2 over a descriptor another thread writes (replacing in
// place reads the number, like the write: daemons redirect stdout so).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x5 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=0x9 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 20 --seed 3 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 20 schedules, 0 failed
// CHECK: joined 1, handoff x, recycled 1, dup2 1

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static int fds[2];
// The descriptor number the worker used and closed. Relaxed, like the flag:
// nothing orders the worker's close before main's open but the kernel.
static atomic_int number;
static atomic_int done;

static void *writer(void *arg) {
  write(fds[1], "x", 1);
  return NULL;
}

static void *recycler(void *arg) {
  char c;
  int fd = open("/dev/zero", O_RDONLY);
  read(fd, &c, 1);
  close(fd);
  atomic_store_explicit(&number, fd, memory_order_relaxed);
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return NULL;
}

static void *stdout_writer(void *arg) {
  write(fds[1], "y", 1);
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t t;
  char c = 0;

  // Joined before the close.
  if (pipe(fds))
    return 1;
  pthread_create(&t, NULL, writer, NULL);
  pthread_join(t, NULL);
  int joined = close(fds[1]) == 0;
  close(fds[0]);

  // The pipe orders the writer's write before main's read, and so before
  // main's close.
  if (pipe(fds))
    return 1;
  pthread_create(&t, NULL, writer, NULL);
  read(fds[0], &c, 1);
  close(fds[1]);
  close(fds[0]);
  pthread_join(t, NULL);

  // A number the worker closed comes back to main's open.
  atomic_store(&done, 0);
  pthread_create(&t, NULL, recycler, NULL);
  while (!atomic_load_explicit(&done, memory_order_relaxed))
    sched_yield();
  int fd = open("/dev/null", O_WRONLY);
  int recycled = fd == atomic_load_explicit(&number, memory_order_relaxed);
  write(fd, "z", 1);
  close(fd);
  pthread_join(t, NULL);

  // dup2 replaces the write end while the worker writes through it.
  if (pipe(fds))
    return 1;
  atomic_store(&done, 0);
  pthread_create(&t, NULL, stdout_writer, NULL);
  while (!atomic_load_explicit(&done, memory_order_relaxed))
    sched_yield();
  int null = open("/dev/null", O_WRONLY);
  int dup2ok = dup2(null, fds[1]) == fds[1];
  pthread_join(t, NULL);
  close(null);
  close(fds[1]);
  close(fds[0]);

  printf("joined %d, handoff %c, recycled %d, dup2 %d\n", joined, c, recycled, dup2ok);
  return 0;
}
