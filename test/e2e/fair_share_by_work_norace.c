// A plain run gives a thread that copies between its scheduling points and
// one that locks every few accesses about the same work per turn
// (docs/scheduling.md, "The countdown counts work, not points"). The copier
// reaches a point only when its quantum of accesses runs out; the other
// thread reaches two per iteration. While the preemption countdown counted
// points, the copier kept the baton for ~1,000 of its points (~2 million
// copies) per turn and finished its 100,000 copies in its first turn, with
// the main thread a few hundred iterations in; counting work it is
// preempted after every quantum, and the main thread runs about 500
// iterations per turn in between.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=2 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=3 %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: copies 100000
// CHECK: share by work: yes

#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { kCopies = 100000 };

static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static int Done; // under Lock
char Src[1 << 16], Dst[1 << 16]; // not static: the copies stay
static long Copies;

static void *copier(void *Arg) {
  for (int I = 0; I < kCopies; ++I) {
    unsigned From = (unsigned)I * 4096 % (sizeof Src - 4096);
    Src[From] = (char)I;
    memcpy(Dst + (From ^ 8192) % (sizeof Dst - 4096), Src + From, 4096);
    ++Copies;
  }
  pthread_mutex_lock(&Lock);
  Done = 1;
  pthread_mutex_unlock(&Lock);
  return Arg;
}

int main(void) {
  pthread_t T;
  pthread_create(&T, 0, copier, 0);
  long Iterations = 0;
  for (int D = 0; !D; ++Iterations) {
    pthread_mutex_lock(&Lock);
    D = Done;
    pthread_mutex_unlock(&Lock);
  }
  pthread_join(T, 0);
  printf("copies %ld (%d)\n", Copies, Dst[0] + Dst[8192]);
  // About 50 turns of the main thread's (one per quantum of the copier's)
  // of ~500 iterations each; counting points, a few hundred in all.
  printf("share by work: %s\n", Iterations >= 5000 ? "yes" : "no");
  fprintf(stderr, "iterations %ld\n", Iterations);
  return 0;
}
