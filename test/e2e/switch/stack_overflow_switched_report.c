// A thread that overflows its stack after it was switched many times (with
// thread_switch=user, while another OS thread runs it) is still reported as
// a stack overflow in that thread, with its frames, the seed and exit 68.
// RUN: %weft-cc -O0 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os WEFT_SEED=0x4 %expect-exit 68 %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user WEFT_SEED=0x4 %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: crash (SEGV) (pid={{[0-9]+}})
// CHECK-NEXT: Signal SEGV on address 0x{{[0-9a-f]+}} (stack overflow) in thread T2:
// CHECK: {{#[0-9]+}} down {{.*}}stack_overflow_switched_report.c:[[#@LINE+9]]
// CHECK: SUMMARY: weft: crash (SEGV) {{.*}}stack_overflow_switched_report.c:{{[0-9]+}}:{{[0-9]+}} in down
// CHECK-NEXT: To reproduce: WEFT_OPTIONS=thread_switch={{os|user}} WEFT_SEED=0x4

#include <pthread.h>
#include <sched.h>

__attribute__((noinline)) static int down(int N) {
  volatile char Pad[64];
  Pad[0] = (char)N;
  return down(N + 1) + Pad[0];
}

static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static int Shared;

static void *busy(void *Arg) {
  (void)Arg;
  for (int I = 0; I < 100; ++I) {
    pthread_mutex_lock(&Lock);
    ++Shared;
    pthread_mutex_unlock(&Lock);
  }
  return 0;
}

static void *worker(void *Arg) {
  (void)Arg;
  for (int I = 0; I < 20; ++I) {
    pthread_mutex_lock(&Lock);
    ++Shared;
    pthread_mutex_unlock(&Lock);
  }
  return (void *)(long)down(0);
}

int main(void) {
  pthread_t B, W;
  pthread_create(&B, 0, busy, 0);
  pthread_create(&W, 0, worker, 0);
  pthread_join(W, 0);
  pthread_join(B, 0);
  return 0;
}
