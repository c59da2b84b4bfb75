// The race-free twin of range_memo_recorded_race.c: the poke of the one
// granule the fill skips is joined before the copy's thread starts, so
// that granule, checked in full, is found ordered.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// QUIET-NOT: WARNING
// EXPLORE-NOT: WARNING: weft
// EXPLORE: weft test: 30 schedules, 0 failed

#include <pthread.h>
#include <sched.h>
#include <string.h>

char shared[4096];
char copy[4096];

static void *poker(void *arg) {
  shared[2000] = 1;
  return 0;
}

static void *copier(void *arg) {
  memset(shared, 7, 2000); // all but the granule at 2000
  memset(shared + 2008, 7, sizeof(shared) - 2008);
  sched_yield(); // a scheduling point, not a synchronization
  memcpy(copy, shared, sizeof(shared)); // already recorded, but for one
  return 0;
}

int main(void) {
  pthread_t p, c;
  pthread_create(&p, 0, poker, 0);
  pthread_join(p, 0);
  pthread_create(&c, 0, copier, 0);
  pthread_join(c, 0);
  return copy[0] == 0;
}
