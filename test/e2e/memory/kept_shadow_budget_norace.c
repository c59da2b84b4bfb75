// Twin of kept_shadow_budget_race.c: the same frees past the budget for
// kept shadow (kept_shadow_mb), with the oldest freed block's memory taken
// again and written by a new owner, but the new owner is joined before the
// late write. Ordered, the two writes are no race, and the release of the
// old block's zero shadow pages must not make one up either.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=kept_shadow_mb=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 WEFT_OPTIONS=kept_shadow_mb=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: same address

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
  pthread_join(owner, NULL); // orders the new owner's write before the rest
  // Frees past the budget: the old block's range gives back its zero pages.
  for (int i = 0; i < kOthers; ++i) {
    memset(others[i], 3, kSize);
    free(others[i]);
  }
  pthread_create(&late, NULL, late_writer, q);
  pthread_join(late, NULL);
  free(q);
  return 0;
}
