// abort() in a thread that (with thread_switch=user) runs on another
// thread's OS thread: glibc raises SIGABRT at the thread's own OS thread,
// so the thread goes home first; the crash is reported in that thread, with
// the frames from glibc's abort to the program's caller and none of weft's.
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os WEFT_SEED=0x3 %expect-exit 68 %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user WEFT_SEED=0x3 %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: crash (ABRT) (pid={{[0-9]+}})
// CHECK-NEXT: Signal ABRT in thread T2:
// CHECK: {{#[0-9]+}} abort
// CHECK-NEXT: {{#[0-9]+}} give_up {{.*}}abort_in_thread_report.c:[[#@LINE+21]]
// CHECK: SUMMARY: weft: crash (ABRT)

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static int Shared;

static void work(int N) {
  for (int I = 0; I < N; ++I) {
    pthread_mutex_lock(&Lock);
    ++Shared;
    pthread_mutex_unlock(&Lock);
  }
}

__attribute__((noinline)) static void give_up(void) {
  fprintf(stderr, "giving up\n");
  abort();
}

static void *busy(void *Arg) {
  (void)Arg;
  work(200);
  return 0;
}

static void *quitter(void *Arg) {
  (void)Arg;
  work(30);
  give_up();
  return 0;
}

int main(void) {
  pthread_t B, Q;
  pthread_create(&B, 0, busy, 0);
  pthread_create(&Q, 0, quitter, 0);
  pthread_join(Q, 0);
  pthread_join(B, 0);
  return 0;
}
