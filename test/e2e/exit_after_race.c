// A run that reported a race and then leaves with _exit(0) or _Exit(0),
// which skip atexit handlers, still exits with exitcode (66, or the one
// set), as under ThreadSanitizer, and says how many warnings it printed.
// Twin: exit_after_norace.c, this program with ORDERED, where main joins the
// writer before its own write (and the status to leave with is argv[2]).
// With no argument (compare-with-tsan) it leaves through _exit(0).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t _exit 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=1 %expect-exit 66 %t _Exit 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=exitcode=7 %expect-exit 7 %t _exit 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: SUMMARY: weft: data race {{.*}}exit_after_race.c:[[@LINE+13]]:10 in writer
// CHECK: leaving
// CHECK-NEXT: weft: reported 1 warning

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
#ifdef ORDERED
  pthread_join(t, 0);
  shared = 2;
#else
  shared = 2;
  pthread_join(t, 0);
#endif
  fprintf(stderr, "leaving\n");
  int status = argc > 2 ? atoi(argv[2]) : 0;
  if (argc > 1 && strcmp(argv[1], "_Exit") == 0)
    _Exit(status);
  _exit(status);
}
