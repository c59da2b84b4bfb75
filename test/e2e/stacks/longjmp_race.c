// longjmp leaves frames without their function exits: weft's setjmp and
// longjmp put the thread's call stack back at the setjmp's depth
// (docs/design.md, "Stacks"), so the stack of a write after the jump has
// none of the frames the jump left, however often it jumps. Also with
// _FORTIFY_SOURCE, where longjmp is __longjmp_chk.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines
// RUN: %weft-cc -D_FORTIFY_SOURCE=2 %s -o %t.fortify
// RUN: env WEFT_SEED=1 %expect-exit 66 %t.fortify 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <setjmp.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

static volatile int shared;
static int scratch[8];
static __thread jmp_buf env;
static __thread sigjmp_buf sigenv;

NOINLINE static void dive(int depth, int sig) {
  scratch[depth] = depth; // keeps a stack this deep
  if (depth == 5) {
    if (sig)
      siglongjmp(sigenv, 1);
    longjmp(env, 1);
  }
  dive(depth + 1, sig);
  scratch[depth] = 0;
}

NOINLINE static void after_jumps(void) { shared = 1; }

static void *worker(void *arg) {
  for (int i = 0; i < 20000; ++i) {
    if (setjmp(env) == 0)
      dive(0, 0);
    if (sigsetjmp(sigenv, 1) == 0)
      dive(0, 1);
  }
  after_jumps();
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef ORDERED // longjmp_norace.c joins the worker first
  pthread_join(t, 0);
#else
  sleep(1); // not synchronization: the worker's write is unordered
#endif
  int seen = shared;
#ifndef ORDERED
  pthread_join(t, 0);
#endif
  return seen - seen;
}

// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}longjmp_race.c:55:14 ({{.*}})
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 after_jumps {{.*}}longjmp_race.c:34:49 ({{.*}})
// CHECK-NEXT:     #1 worker {{.*}}longjmp_race.c:43:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Location is global 'shared' of size 4 at 0x{{[0-9a-f]+}} ({{.*}})
