// pthread_setname_np names show in reports: the access lines, the thread
// lines and pthread_getname_np agree.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s

#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>

int shared;

static void *worker(void *arg) {
  char buf[16];
  pthread_setname_np(pthread_self(), "worker");
  pthread_getname_np(pthread_self(), buf, sizeof buf);
  fprintf(stderr, "name: %s\n", buf);
  shared++;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  shared++;
  pthread_join(t, 0);
  return 0;
}

// CHECK: name: worker
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by thread T1 'worker':
// CHECK-NEXT:     #0 worker {{.*}}thread_name_in_report.c:18:9
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK:        Thread T1 'worker' (running) created by main thread at:
