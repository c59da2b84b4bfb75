// A mutex that lived in freed memory dies with it: the memory handed out
// again holds a new mutex (a normal one here, where a recursive one was),
// for small blocks (forgotten granule by granule as the free is recorded)
// and big ones (found in the table of sync objects instead of the shadow).
// RUN: %weft-cc %s -o %t
// The quarantine would keep the freed block from coming back: off here.
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=quarantine_size_mb=0 %t 2>&1 | FileCheck %s --match-full-lines
// CHECK-NOT: WARNING
// CHECK:      size 64: same address, trylock EBUSY
// CHECK-NEXT: size 100000: same address, trylock EBUSY

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reuse(size_t size) {
  pthread_mutex_t recursive = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
  pthread_mutex_t normal = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_t *p = malloc(size);
  memcpy(p, &recursive, sizeof recursive);
  pthread_mutex_lock(p);
  pthread_mutex_lock(p);
  pthread_mutex_unlock(p);
  pthread_mutex_unlock(p);
  free(p);
  pthread_mutex_t *q = malloc(size); // glibc hands the same block back
  memcpy(q, &normal, sizeof normal);
  pthread_mutex_lock(q);
  int r = pthread_mutex_trylock(q); // a normal mutex its owner holds: EBUSY
  if (r == 0)
    pthread_mutex_unlock(q);
  pthread_mutex_unlock(q);
  printf("size %zu: %s, trylock %s\n", size, q == p ? "same address" : "moved",
         r == EBUSY ? "EBUSY" : "took it again");
  free(q);
}

int main(void) {
  reuse(64);
  reuse(100000);
  return 0;
}
