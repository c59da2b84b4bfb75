// Twin of longjmp_race.c: the read comes after the join, so jumping out of
// instrumented frames reports nothing.
// EXPECT: norace
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 30 --seed 13 -- %t

#include <pthread.h>
#include <setjmp.h>

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
  pthread_join(t, 0);
  int seen = shared;
  return seen - seen;
}

