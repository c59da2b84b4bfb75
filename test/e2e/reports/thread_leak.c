// Threads that finish but are neither joined nor detached are reported at
// exit, one report per creation site, like TSan's "thread leak": the whole
// layout, and exit status 66.
// EXPECT: thread-leak
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <unistd.h>

static void *worker(void *arg) { return arg; }

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, worker, 0);
  pthread_create(&t[2], 0, worker, 0);
  sleep(1); // every worker finishes
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: thread leak (pid={{[0-9]+}})
// CHECK-NEXT:   Thread T1 (finished, neither joined nor detached) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}thread_leak.c:16:5 (thread_leak.c.tmp+0x{{[0-9a-f]+}})
// CHECK:        And 1 more similar thread leak.
// CHECK-EMPTY:
// CHECK-NEXT: SUMMARY: weft: thread leak {{.*}}thread_leak.c:16:5 in main
// CHECK-NEXT: To reproduce: WEFT_SEED=0x1 {{.*}}thread_leak.c.tmp
// CHECK-NEXT: ==================
// CHECK-NEXT: ==================
// CHECK-NEXT: WARNING: weft: thread leak (pid={{[0-9]+}})
// CHECK-NEXT:   Thread T3 (finished, neither joined nor detached) created by main thread at:
// CHECK-NEXT:     #0 main {{.*}}thread_leak.c:17:3 (thread_leak.c.tmp+0x{{[0-9a-f]+}})
// CHECK:      SUMMARY: weft: thread leak {{.*}}thread_leak.c:17:3 in main
// CHECK-NEXT: To reproduce: WEFT_SEED=0x1 {{.*}}thread_leak.c.tmp
// CHECK-NEXT: ==================
// CHECK-NEXT: weft: reported 2 warnings
