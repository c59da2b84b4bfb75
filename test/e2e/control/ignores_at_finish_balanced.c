// The twin of ignores_at_finish.c: every ignore the threads begin they also
// end before they finish, so nothing is reported.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: joined

#include <pthread.h>
#include <stdio.h>

void AnnotateIgnoreReadsBegin(const char *f, int l);
void AnnotateIgnoreReadsEnd(const char *f, int l);
void AnnotateIgnoreWritesBegin(const char *f, int l);
void AnnotateIgnoreWritesEnd(const char *f, int l);
void AnnotateIgnoreSyncBegin(const char *f, int l);
void AnnotateIgnoreSyncEnd(const char *f, int l);

static int shared;

static void *worker(void *arg) {
  AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
  AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
  int v = shared;
  (void)v;
  AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
  AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
  shared = 1;
  AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
  pthread_join(t, NULL);
  printf("joined\n");
  return 0;
}
