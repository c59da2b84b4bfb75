// Accesses of a large function call the runtime's register-preserving entry
// points (preserve_mostcc; runtime/lib/core/preserving_access.cc) instead of
// the inline check: the function below is too large for it
// (-weft-inline-small-function) and has no loop. Dozens of values stay live
// in registers across those calls; if a call clobbered one, mix() would
// compute a different result than its uninstrumented copy (mixPlain, built
// with disable_sanitizer_instrumentation), and the program would say so. The
// race on 'shared' from inside it is still reported at its line. The
// race-free twin is preserving_calls_norace.c (this program with ORDERED).
// EXPECT: race
// RUN: %weft-cc -O2 -g %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -O1 -g %s -o %t.O1
// RUN: env WEFT_SEED=1 %expect-exit 66 %t.O1 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: Location is global 'shared' of size 8
// CHECK: SUMMARY: weft: data race {{.*}}preserving_calls_race.c:[[#@LINE+29]]:{{[0-9]+}} in mix
// CHECK-NOT: WARNING: weft
// CHECK: mix: same results
// CHECK: weft: reported 1 warning

#include <pthread.h>
#include <stdio.h>

long shared;
long tableA[64], tableB[64];

// One step reads two slots and writes one, and changes six values that
// live across every access.
#define STEP(k)                                                                \
  a += t[(b + k) & 63];                                                        \
  b ^= a * 31 + c;                                                             \
  c += t[(d + k) & 63] ^ e;                                                    \
  t[(f + k) & 63] = a + d;                                                     \
  d = d * 7 + b;                                                               \
  e ^= c >> 3;                                                                 \
  f += e + k;
#define STEPS                                                                  \
  STEP(1) STEP(2) STEP(3) STEP(4) STEP(5) STEP(6) STEP(7) STEP(8) STEP(9)      \
  STEP(10) STEP(11) STEP(12) STEP(13) STEP(14) STEP(15) STEP(16) STEP(17)      \
  STEP(18) STEP(19) STEP(20) STEP(21) STEP(22) STEP(23) STEP(24)

__attribute__((noinline)) long mix(long *t, long seed) {
  long a = seed, b = seed * 3, c = seed ^ 0x55, d = seed + 7, e = seed * seed, f = ~seed;
  STEPS
  shared = a ^ b;
  return a + b + c + d + e + f;
}

__attribute__((noinline, disable_sanitizer_instrumentation)) long mixPlain(long *t, long seed) {
  long a = seed, b = seed * 3, c = seed ^ 0x55, d = seed + 7, e = seed * seed, f = ~seed;
  STEPS
  return a + b + c + d + e + f;
}

static long workerResult;
static void *worker(void *arg) {
  (void)arg;
  long seed = 12345;
  for (int i = 0; i < 64; ++i)
    tableB[i] = i * 3;
  workerResult = mix(tableB, seed);
  return 0;
}

int main(void) {
  for (int i = 0; i < 64; ++i)
    tableA[i] = i * 3;
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef ORDERED
  pthread_join(t, 0);
#endif
  long mine = mix(tableA, 777);
#ifndef ORDERED
  pthread_join(t, 0);
#endif
  long table[64];
  for (int i = 0; i < 64; ++i)
    table[i] = i * 3;
  long expectMine = mixPlain(table, 777);
  for (int i = 0; i < 64; ++i)
    table[i] = i * 3;
  long expectWorker = mixPlain(table, 12345);
  int same = mine == expectMine && workerResult == expectWorker;
  printf("mix: %s results\n", same ? "same" : "DIFFERENT");
  return same ? 0 : 1;
}
