// A program whose work depends on addresses replays from its seed: each
// thread's pthread_t (its descriptor, in its mmapped stack) and its first
// heap block decide how many atomics it does and on which counters, as a
// work-stealing pool seeds its victim choice with std::hash of its thread
// id. weft runs every program with ASLR off (the runtime re-executes it
// before its code runs) and keeps its own mappings out of the program's
// way, and the next thread waits for an exited thread's libc epilogue
// (arena and stack cache), so two runs of one seed, and a failure found by
// `weft test` and its `weft replay`, are the same run.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x77 WEFT_OPTIONS=print_stats=1 %t > %t.first 2>&1
// RUN: env WEFT_SEED=0x77 WEFT_OPTIONS=print_stats=1 %t > %t.second 2>&1
// RUN: diff %t.first %t.second
// RUN: FileCheck %s --check-prefix=SEEDED < %t.first
// RUN: %python %S/Inputs/replay_matches_test.py %weft %t fail
// RUN: env WEFT_OPTIONS=disable_aslr=0 %t | FileCheck %s --check-prefix=KEPT
// RUN: env WEFT_OPTIONS=disable_aslr=2 %expect-exit 2 %t 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: %clang %s -o %t.native && %t.native | FileCheck %s --check-prefix=NATIVE
// SEEDED: no-randomize 1
// SEEDED: weft: stats: steps=
// KEPT: no-randomize 0
// BAD: weft: error: invalid value for 'disable_aslr': '2'
// NATIVE: no-randomize 0

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>

static atomic_ulong Counters[4];
static atomic_uint DetachedDone;
static atomic_ulong Checksum;

static void *worker(void *Arg) {
  uintptr_t Self = (uintptr_t)pthread_self();
  char *Block = malloc(64 + (Self >> 12 & 255));
  uintptr_t Hash = (Self >> 12) ^ ((uintptr_t)Block >> 4);
  for (unsigned I = 0; I < Hash % 13 + 1; ++I)
    atomic_fetch_add(&Counters[(Hash >> I) & 3], I + 1);
  atomic_fetch_add(&Checksum, Hash);
  free(Block);
  if (Arg)
    atomic_fetch_add(&DetachedDone, 1);
  return NULL;
}

int main(int Argc, char **Argv) {
  unsigned Detached = 0;
  for (int Wave = 0; Wave < 6; ++Wave) {
    pthread_t T[4];
    for (int I = 0; I < 4; ++I)
      pthread_create(&T[I], NULL, worker, I == 0 ? (void *)1 : NULL);
    pthread_detach(T[0]);
    ++Detached;
    for (int I = 1; I < 4; ++I)
      pthread_join(T[I], NULL);
  }
  while (atomic_load(&DetachedDone) != Detached)
    sched_yield();
  printf("no-randomize %d\n", (personality(0xffffffff) & ADDR_NO_RANDOMIZE) != 0);
  printf("counters %lu %lu %lu %lu checksum %lx\n", atomic_load(&Counters[0]),
         atomic_load(&Counters[1]), atomic_load(&Counters[2]), atomic_load(&Counters[3]),
         atomic_load(&Checksum));
  return Argc > 1 && !strcmp(Argv[1], "fail") ? 3 : 0;
}
