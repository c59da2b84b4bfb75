// Twin of elided_repeat_across_call_race.c: the writer has finished (joined)
// before the reader starts, so neither read races.
// RUN: %weft cc -race -g -O2 %s -o %t
// RUN: %weft test -n 50 --seed 4 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

int flag;
volatile int which;

__attribute__((noinline)) static int twice(int v) { return 2 * v; }

static void *reader(void *arg) {
  int a = *(volatile int *)&flag;
  int b = which ? twice(a) : a;
  int c = *(volatile int *)&flag;
  return (void *)(long)(b + c);
}

static void *writer(void *arg) {
  flag = 1;
  return 0;
}

int main(void) {
  pthread_t r, w;
  pthread_create(&w, 0, writer, 0);
  pthread_join(w, 0);
  pthread_create(&r, 0, reader, 0);
  pthread_join(r, 0);
  return 0;
}
