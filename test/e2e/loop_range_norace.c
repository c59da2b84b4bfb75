// The race-free twin of loop_range_race.c: loops the pass must not turn into
// range checks claiming bytes the loop never touches. Two threads share one
// array without locks, each touching only its own half:
//  - a search that stops at the end of its half (its bound is the whole
//    array: an early exit, so not hoisted);
//  - a sweep of every other element of a shared interleaved array (a gap
//    between the bytes, so not hoisted);
//  - a store under a condition that only holds in its own half;
//  - sweeps of exactly its own half (hoisted: the range is that half), one
//    of them with a trip count of zero.
// RUN: %weft-cc -O2 %s -o %t
// RUN: %weft-cc -O2 %s -S -emit-llvm -o - | FileCheck %s --check-prefix=IR
// IR: call void @__weft_write_range(
// RUN: %weft test -n 50 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK: weft test: 50 schedules, 0 failed

#include <pthread.h>

enum { N = 4096 };
static int data[N];
static int interleaved[2 * N];

__attribute__((noinline)) static long search(int first, int key) {
  for (long i = first; i < N; ++i)
    if (data[i] == key)
      return i;
  return -1;
}

__attribute__((noinline)) static void every_other(int parity) {
  for (long i = 0; i < N; ++i)
    interleaved[2 * i + parity] = (int)i;
}

__attribute__((noinline)) static void own_half_if(int first) {
  for (long i = 0; i < N; ++i)
    if (i >= first && i < first + N / 2)
      data[i] += 1;
}

__attribute__((noinline)) static void sweep(int first, long n) {
  for (long i = 0; i < n; ++i)
    data[first + i] = (int)i;
}

static void *worker(void *arg) {
  int first = (int)(long)arg;
  sweep(first, N / 2);
  sweep(first ^ (N / 2), 0);
  data[first + N / 2 - 1] = -7; // the search below stops here
  long found = search(first, -7);
  every_other(first != 0);
  own_half_if(first);
  return (void *)found;
}

int main(void) {
  pthread_t a, b;
  void *ra, *rb;
  pthread_create(&a, 0, worker, (void *)0L);
  pthread_create(&b, 0, worker, (void *)(long)(N / 2));
  pthread_join(a, &ra);
  pthread_join(b, &rb);
  return (long)ra == N / 2 - 1 && (long)rb == N - 1 ? 0 : 1;
}
