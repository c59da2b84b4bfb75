// The race-free twin of loop_range_race.c -DNOSYNC_CALL: two threads sweep
// their own halves of one array, each iteration calling a `nosync` helper,
// without locks. Each sweep is one range check of exactly its half, so
// nothing may be reported on any schedule.
// RUN: %weft-cc -O2 %s -o %t
// RUN: %weft-cc -O2 %s -S -emit-llvm -o - | FileCheck %s --check-prefix=IR
// IR-LABEL: define {{.*}} @sweep(
// IR: call void @__weft_write_range(
// RUN: %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s
// CHECK: weft test: 30 schedules, 0 failed

#include <pthread.h>
#include <stdio.h>

enum { N = 4096 };
static long data[N];

__attribute__((noinline)) static long mix(long x) {
  return (x * 0x9e3779b97f4a7c15L) ^ (x >> 7);
}

__attribute__((noinline)) static void sweep(long *from, long n) {
  for (long i = 0; i < n; ++i)
    from[i] = mix(i);
}

static void *half(void *arg) {
  sweep(data + (arg ? N / 2 : 0), N / 2);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, half, 0);
  pthread_create(&b, 0, half, (void *)1);
  pthread_join(a, 0);
  pthread_join(b, 0);
  long sum = 0;
  for (int i = 0; i < N; ++i)
    sum += data[i];
  printf("sum %ld\n", sum);
  return 0;
}
