// pthread_key destructors run after the thread's start routine returns,
// while glibc tears the thread down, where weft may no longer schedule the
// thread: the instrumented code they run (calls, loads, stores) then goes
// through the inline paths' dormant stand-in (runtime/lib/core/
// inline_thread.cc), whose slow paths return. It must run to the end,
// quietly, in every schedule.
// RUN: %weft cc -race -g -O1 %s -o %t
// RUN: %weft test -n 20 --seed 2 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %t | FileCheck %s --check-prefix=OUT
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 20 schedules, 0 failed
// OUT: 3 threads done

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_key_t Key;

__attribute__((noinline)) static long walk(long *Block, int N) {
  if (N == 0)
    return 0;
  Block[N % 16] += N;
  return Block[(N * 7) % 16] + walk(Block, N - 1);
}

static void destroy(void *P) {
  long *Block = P;
  long Sum = walk(Block, 300);
  Block[0] = Sum;
  free(Block);
}

static void *worker(void *Arg) {
  long *Block = calloc(16, sizeof(long));
  Block[1] = (long)Arg;
  pthread_setspecific(Key, Block);
  return 0;
}

int main(void) {
  pthread_key_create(&Key, destroy);
  pthread_t T[3];
  for (long I = 0; I < 3; ++I)
    pthread_create(&T[I], 0, worker, (void *)I);
  for (int I = 0; I < 3; ++I)
    pthread_join(T[I], 0);
  printf("3 threads done\n");
  return 0;
}
