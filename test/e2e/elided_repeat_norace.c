// Twin of elided_repeat_race.c: the writer runs before the reader starts.
// RUN: %weft cc -race -g -O0 %s -o %t
// RUN: %weft test -n 50 --seed 4 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

int flag;

static void *reader(void *arg) {
  int a = flag;
  int b = flag;
  return (void *)(long)(a + b);
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
