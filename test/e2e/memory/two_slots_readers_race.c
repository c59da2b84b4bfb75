// A granule has two slots (docs/design.md, "Shadow memory"): here the main
// thread's write and three readers' reads are four accesses to each
// granule. Every reader started after the write, so a reader evicts the
// write before another reader's read, and all three keep reading from
// their own slots. A fourth thread that writes without synchronizing with
// the readers races with a read still in the shadow.
// Twin: two_slots_readers_norace.c, this program with ORDERED, where the
// writer joins the readers first.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %expect-exit 1 %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK:      WARNING: weft: data race
// CHECK:        Write of size 8 at {{.*}} by thread T4:
// CHECK:        Previous read of size 8 at {{.*}} by thread T{{[123]}}:
// CHECK-NEXT:     #0 reader {{.*}}two_slots_readers_race.c:[[@LINE+15]]
// TEST: weft: failure: data race at {{.*}}two_slots_readers_race.c:[[@LINE+26]]:{{[0-9]+}} in writer with seed

#include <pthread.h>
#include <unistd.h>

enum { N = 512, Passes = 3 };
long table[N];
long sums[3]; // not static: the loops must not be optimized away
static pthread_t r[3];

static void *reader(void *arg) {
  long id = (long)arg, s = 0;
  for (int p = 0; p < Passes; ++p)
    for (int i = 0; i < N; ++i)
      s += table[i]; // L:read
  sums[id] = s;
  return 0;
}

static void *writer(void *arg) {
#ifdef ORDERED
  for (int i = 0; i < 3; ++i)
    pthread_join(r[i], 0);
#else
  usleep(1000);
#endif
  table[N / 2] = -1; // L:write
  return 0;
}

int main(void) {
  for (int i = 0; i < N; ++i)
    table[i] = i;
  pthread_t w;
  for (long i = 0; i < 3; ++i)
    pthread_create(&r[i], 0, reader, (void *)i);
  pthread_create(&w, 0, writer, 0);
#ifdef ORDERED
  pthread_join(w, 0); // it joined the readers
  return sums[0] != sums[1] || sums[1] != sums[2];
#else
  for (int i = 0; i < 3; ++i)
    pthread_join(r[i], 0);
  pthread_join(w, 0);
  return 0;
#endif
}
