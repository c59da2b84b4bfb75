// Twin of exit_after_race.c: the same threads, joined before the second
// write, so nothing is reported and _exit(0) and _Exit(3) keep their
// status.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 0 %t _exit 0 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=1 %expect-exit 3 %t _Exit 3 2>&1 | FileCheck %s
// CHECK-NOT: WARNING
// CHECK-NOT: weft: reported
// CHECK: leaving

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int shared;

static void *writer(void *arg) {
  shared = 1;
  return 0;
}

int main(int argc, char **argv) {
  pthread_t t;
  pthread_create(&t, 0, writer, 0);
  pthread_join(t, 0);
  shared = 2;
  fprintf(stderr, "leaving\n");
  if (strcmp(argv[1], "_Exit") == 0)
    _Exit(atoi(argv[2]));
  _exit(atoi(argv[2]));
}
