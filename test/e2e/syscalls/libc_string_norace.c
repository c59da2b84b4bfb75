// Twin of libc_string_race.c: strlen runs after the join, and the libc
// string functions used inside the runtime itself (reports, flags) never
// produce a report.
// RUN: %weft-cc -fno-builtin %s -o %t
// RUN: %weft test -n 50 --seed 3 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

char name[32] = "initial";

static void *renamer(void *arg) {
  strcpy(name, "renamed by the worker");
  char *copy = strdup(name);
  int ok = strcmp(copy, name) == 0 && strchr(copy, 'w') && memchr(copy, 'k', 21);
  free(copy);
  return (void *)(long)!ok;
}

int main(void) {
  pthread_t t;
  void *rc;
  pthread_create(&t, 0, renamer, 0);
  pthread_join(t, &rc);
  return rc != 0 || strlen(name) != 21;
}
