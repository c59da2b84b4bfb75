// The race-free twin of alloc_write_race.c: the pointer is published with
// release and read with acquire, which orders the reader after the
// allocation's write of the block.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 40 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 40 schedules, 0 failed

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

_Atomic(int *) published;

static void *reader(void *arg) {
  int *p;
  while (!(p = atomic_load_explicit(&published, memory_order_acquire)))
    ;
  return (void *)(long)p[1];
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, reader, 0);
  int *p = malloc(64);
  atomic_store_explicit(&published, p, memory_order_release);
  pthread_join(t, 0);
  free(p);
  return 0;
}
