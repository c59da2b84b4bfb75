// The race-free twin of range_memo_race.c: the write in the middle of the
// buffer happens before the copy (the poker is joined first), so the
// granule that holds other slots is checked in full and found ordered.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=3 %t 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s --check-prefix=EXPLORE
// QUIET-NOT: WARNING
// EXPLORE-NOT: WARNING: weft
// EXPLORE: weft test: 30 schedules, 0 failed

#include <pthread.h>
#include <string.h>

char shared[4096];
char copy[4096];

static void *poker(void *arg) {
  shared[2000] = 1; // joined before the copier starts
  return 0;
}

static void *copier(void *arg) {
  memcpy(copy, shared, sizeof(shared));
  return 0;
}

int main(void) {
  memset(shared, 7, sizeof(shared)); // one write slot in every granule
  pthread_t p, c;
  pthread_create(&p, 0, poker, 0);
  pthread_join(p, 0);
  pthread_create(&c, 0, copier, 0);
  pthread_join(c, 0);
  return copy[0] == 0;
}
