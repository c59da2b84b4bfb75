// Mixed-size atomics: an atomic access synchronizes with the atomic
// locations whose bytes it covers, whatever their width, as the hardware
// makes it (and as libstdc++'s shared_ptr relies on:
// cxx/shared_ptr_weak_release_norace.cpp).
//  - wide: two threads each publish a datum with a 32-bit release RMW on
//    one half of a 64-bit word; a third waits for both with 64-bit acquire
//    loads, then reads both data.
//  - narrow: a thread publishes a datum with one 64-bit release store; a
//    reader waits with 32-bit acquire loads of the upper half.
//  - neighbours: two 32-bit flags share an 8-byte granule but no bytes; the
//    reader acquires the one that was released.
// The race twin (mixed_size_atomics_race.c) builds this file with one
// publication relaxed, or the reader acquiring the neighbour flag: each
// must still be reported (sharing a granule is not sharing bytes).
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 40 --seed 5 -- %t 2>&1 | FileCheck %s
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 40 schedules, 0 failed

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#ifndef HI_ORDER
#define HI_ORDER __ATOMIC_RELEASE
#endif
#ifndef WIDE_ORDER
#define WIDE_ORDER __ATOMIC_RELEASE
#endif

// Halves of one aligned 64-bit word (little-endian: Half[1] is the upper).
static union {
  uint64_t Whole;
  uint32_t Half[2];
} Counts __attribute__((aligned(8)));
// Two 32-bit flags sharing one 8-byte granule, and no bytes.
static uint32_t Side[2] __attribute__((aligned(8)));
#ifndef SIDE_ACQUIRED
#define SIDE_ACQUIRED Side[1]
#endif

static int DataLo, DataHi, DataWide, DataSide;

static void *publishLo(void *Arg) {
  DataLo = 1;
  __atomic_fetch_add(&Counts.Half[0], 1, __ATOMIC_RELEASE);
  return NULL;
}

static void *publishHi(void *Arg) {
  DataHi = 2;
  __atomic_fetch_add(&Counts.Half[1], 1, HI_ORDER);
  return NULL;
}

static void *waitBoth(void *Arg) {
  while (__atomic_load_n(&Counts.Whole, __ATOMIC_ACQUIRE) != ((uint64_t)1 << 32 | 1))
    ;
  return (void *)(intptr_t)(DataLo + DataHi);
}

static void *publishWide(void *Arg) {
  DataWide = 3;
  __atomic_store_n(&Counts.Whole, (uint64_t)7 << 32 | 7, WIDE_ORDER);
  return NULL;
}

static void *waitUpper(void *Arg) {
  while (__atomic_load_n(&Counts.Half[1], __ATOMIC_ACQUIRE) != 7)
    ;
  return (void *)(intptr_t)DataWide;
}

static void *publishSide(void *Arg) {
  DataSide = 4;
  __atomic_store_n(&Side[1], 1, __ATOMIC_RELEASE);
  return NULL;
}

static void *waitSide(void *Arg) {
  while (__atomic_load_n(&Side[1], __ATOMIC_RELAXED) != 1)
    ;
  __atomic_load_n(&SIDE_ACQUIRED, __ATOMIC_ACQUIRE);
  return (void *)(intptr_t)DataSide;
}

static void run(void *(*A)(void *), void *(*B)(void *), void *(*C)(void *)) {
  pthread_t T[3];
  int N = 0;
  pthread_create(&T[N++], NULL, A, NULL);
  pthread_create(&T[N++], NULL, B, NULL);
  if (C)
    pthread_create(&T[N++], NULL, C, NULL);
  for (int I = 0; I < N; ++I)
    pthread_join(T[I], NULL);
}

int main(void) {
  run(publishLo, publishHi, waitBoth);
  run(publishWide, waitUpper, NULL);
  run(publishSide, waitSide, NULL);
  printf("%d %d %d %d\n", DataLo, DataHi, DataWide, DataSide);
  return 0;
}
