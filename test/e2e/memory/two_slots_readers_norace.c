// Twin of two_slots_readers_race.c: the main thread's write and three
// readers' reads are four accesses to each granule, which has two slots;
// the writer joins the readers first, so nothing races, whichever slots
// the evictions left.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck --allow-empty %s
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: weft
// TEST: weft test: 20 schedules, 0 failed

#include <pthread.h>

enum { N = 512, Passes = 3 };
long table[N];
long sums[3]; // not static: the loops must not be optimized away
static pthread_t r[3];

static void *reader(void *arg) {
  long id = (long)arg, s = 0;
  for (int p = 0; p < Passes; ++p)
    for (int i = 0; i < N; ++i)
      s += table[i];
  sums[id] = s;
  return 0;
}

static void *writer(void *arg) {
  for (int i = 0; i < 3; ++i)
    pthread_join(r[i], 0);
  table[N / 2] = -1;
  return 0;
}

int main(void) {
  for (int i = 0; i < N; ++i)
    table[i] = i;
  pthread_t w;
  for (long i = 0; i < 3; ++i)
    pthread_create(&r[i], 0, reader, (void *)i);
  pthread_create(&w, 0, writer, 0);
  pthread_join(w, 0);
  return sums[0] != sums[1] || sums[1] != sums[2];
}
