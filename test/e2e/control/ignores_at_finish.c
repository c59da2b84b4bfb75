// A thread that finishes with annotated ignores still enabled (an
// AnnotateIgnoreReadsBegin without its End): reported when it ends, with
// the stack where the ignore began, as TSan does. Its twin,
// ignores_at_finish_balanced.c, is this program with ORDERED: every ignore
// begun is ended, and main also writes under a balanced ignore.
// EXPECT: ignores
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=1 %expect-exit 66 %t main 2>&1 | FileCheck %s --check-prefix=MAIN

// CHECK:      WARNING: weft: thread finished with ignores enabled
// CHECK-NEXT:   Thread T1 finished with ignores enabled (reads, synchronization); ignore was enabled at:
// CHECK-NEXT:     #0 worker {{.*}}ignores_at_finish.c:[[@LINE+23]]
// CHECK:        Thread T1 (running) created by main thread at:
// CHECK:      SUMMARY: weft: thread finished with ignores enabled {{.*}}ignores_at_finish.c:[[@LINE+21]]{{.*}} in worker
// CHECK:      weft: reported 1 warning
// MAIN:       WARNING: weft: thread finished with ignores enabled
// MAIN-NEXT:    Main thread finished with ignores enabled (writes); ignore was enabled at:
// MAIN-NEXT:      #0 main {{.*}}ignores_at_finish.c:[[@LINE+30]]
// MAIN:       weft: reported 1 warning

#include <pthread.h>
#include <stdio.h>
#include <string.h>

void AnnotateIgnoreReadsBegin(const char *f, int l);
void AnnotateIgnoreReadsEnd(const char *f, int l);
void AnnotateIgnoreWritesBegin(const char *f, int l);
void AnnotateIgnoreWritesEnd(const char *f, int l);
void AnnotateIgnoreSyncBegin(const char *f, int l);
void AnnotateIgnoreSyncEnd(const char *f, int l);

static int shared;

static void *worker(void *arg) {
  AnnotateIgnoreReadsBegin(__FILE__, __LINE__); // L:begin
  AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
  int v = shared; // not checked
  (void)v;
#ifdef ORDERED
  AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
  AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
#endif
  return NULL; // ends with both still on, unless ORDERED
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "main")) {
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__); // L:mainbegin
    shared = 1;
    printf("main ends\n");
    return 0;
  }
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
#ifdef ORDERED
  AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
  shared = 1;
  AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
#endif
  pthread_join(t, NULL);
  printf("joined\n");
  return 0;
}
