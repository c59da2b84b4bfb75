// Twin of kept_shadow_budget_norace.c (this program with ORDERED). A freed large block's zeroed shadow
// is kept resident within a budget (kept_shadow_mb, docs/design.md
// "Resetting shadow: zeros or released pages"); past it the oldest freed
// block gives back the shadow pages that still read zero. Here the memory
// of that oldest block was taken again by another thread and written before
// the budget runs out: the page holding that write must survive the
// release, so a later unordered write of the same byte by a third thread is
// still reported against it.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=kept_shadow_mb=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
//
// CHECK:      same address
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 1 at 0x{{[0-9a-f]+}} by thread T2:
// CHECK-NEXT:     #0 late_writer {{.*}}kept_shadow_budget_race.c:[[@LINE+33]]
// CHECK:        Previous write of size 1 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 new_owner {{.*}}kept_shadow_budget_race.c:[[@LINE+23]]
// CHECK-NOT:  WARNING: weft

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kSize = 400 << 10, kOthers = 4 };
static char *old_block;
static int ready;   // the new owner's malloc is set up, with no happens-before
static int freed;   // the old block is freed, likewise
static char *taken; // the new owner's block, likewise

static void *new_owner(void *arg) {
  // A thread's first malloc sets up its cache with a block of its own: done
  // before the free, so that it is not split off the freed block.
  free(malloc(1));
  __atomic_store_n(&ready, 1, __ATOMIC_RELAXED);
  while (!__atomic_load_n(&freed, __ATOMIC_RELAXED))
    ;
  char *q = malloc(kSize);
  q[1000] = 1;
  printf("%s\n", q == old_block ? "same address" : "moved");
  fflush(stdout);
  __atomic_store_n(&taken, q, __ATOMIC_RELAXED);
  return NULL;
}

static void *late_writer(void *arg) {
  ((char *)arg)[1000] = 2;
  return NULL;
}

int main(void) {
  // One arena for all threads, and no block served by its own mapping.
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  char *others[kOthers];
  for (int i = 0; i < kOthers; ++i)
    others[i] = malloc(kSize + i * 4096);
  old_block = malloc(kSize);
  memset(old_block, 1, kSize);
  pthread_t owner, late;
  pthread_create(&owner, NULL, new_owner, NULL);
  while (!__atomic_load_n(&ready, __ATOMIC_RELAXED))
    ;
  free(old_block); // the oldest freed block: its shadow zeroed, kept
  __atomic_store_n(&freed, 1, __ATOMIC_RELAXED);
  char *q;
  while (!(q = __atomic_load_n(&taken, __ATOMIC_RELAXED)))
    ;
  // Frees past the budget: the old block's range gives back its zero pages.
  for (int i = 0; i < kOthers; ++i) {
    memset(others[i], 3, kSize);
    free(others[i]);
  }
#ifdef ORDERED
  pthread_join(owner, NULL); // orders the new owner's write before the rest
#endif
  pthread_create(&late, NULL, late_writer, q);
  pthread_join(late, NULL);
#ifndef ORDERED
  pthread_join(owner, NULL);
#endif
  free(q);
  return 0;
}
