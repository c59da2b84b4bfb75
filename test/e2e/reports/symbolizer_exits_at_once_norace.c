// Twin of symbolizer_exits_at_once_race.c: with the same broken symbolizer
// a race-free run is silent (the symbolizer is only started for a report)
// and exits 0.
// RUN: %weft-cc %s -o %t
// RUN: printf '#!/bin/sh\nexit 0\n' > %t.exits
// RUN: chmod +x %t.exits
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=symbolizer_path=%t.exits %t 2>&1 | FileCheck --allow-empty %s
// CHECK-NOT: weft

#include <pthread.h>

int shared;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_mutex_lock(&m);
  shared++;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_mutex_lock(&m);
  shared++;
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return 0;
}
