// The free of a large block checks every granule, but remembers the last
// granule it found race-free and skips the granules that hold the very
// same slots (malloc_interceptors.cc, FreeMemo): a 1 MiB table filled by
// the main thread is the same slots all along, except where a thread read
// it without synchronization. Those granules differ from the remembered
// one and are checked in full: both reads, a third and two thirds into
// the table, each between runs of skipped granules, race with the free.
// Race-free twin, built with ORDERED (the free after the join):
// free_memo_norace.c.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { Words = 1 << 17 }; // 1 MiB of 8-byte words

static long *table;

__attribute__((noinline)) static long read_first(void) { return table[Words / 3]; }
__attribute__((noinline)) static long read_second(void) { return table[2 * (Words / 3)]; }

static void *reader(void *arg) {
  (void)arg;
  long sum = read_first() + read_second();
  return (void *)sum;
}

int main(void) {
  table = malloc(Words * sizeof(long));
  for (long i = 0; i < Words; i++)
    table[i] = i;
  pthread_t t;
  pthread_create(&t, 0, reader, 0);
  void *sum;
#ifdef ORDERED
  pthread_join(t, &sum);
#else
  sleep(1); // not synchronization: the reads are unordered with the free
#endif
  free(table);
#ifndef ORDERED
  pthread_join(t, &sum);
#endif
  printf("sum %ld\n", (long)sum);
  return 0;
}

// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 free
// CHECK-NEXT:     #1 main {{.*}}free_memo_race.c:[[@LINE-11]]:3
// CHECK:        Previous read of size 8 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 read_first {{.*}}free_memo_race.c:[[@LINE-34]]
// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 free
// CHECK:        Previous read of size 8 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 read_second {{.*}}free_memo_race.c:[[@LINE-38]]
// CHECK:      sum 131070
// CHECK:      weft: reported 2 warnings
