// Scattered stores leave one access-history record each: 65,536 records of
// one thread in one epoch, over many chunks. The race with the first of
// them still finds its stack (the look-up walks back through all of that
// thread's records of the epoch). Twin: access_history_scattered_norace.c,
// this program with ORDERED, where the reader joins the scatterer first.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines
// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by thread T2:
// CHECK-NEXT:     #0 reader {{.*}}access_history_scattered_race.c:[[@LINE+32]]:{{[0-9]+}} ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 scatter {{.*}}access_history_scattered_race.c:[[@LINE+13]]:{{[0-9]+}} ({{.*}})
// CHECK-NEXT:     #1 scatterer {{.*}}access_history_scattered_race.c:[[@LINE+16]]:{{[0-9]+}} ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Location is global 'd' of size 524288 at 0x{{[0-9a-f]+}} ({{.*}})

#include <pthread.h>
#include <unistd.h>

enum { N = 1 << 16 };
int d[2 * N]; // every other int: no two stores in one granule

__attribute__((noinline)) static void scatter(void) {
  for (unsigned i = 0; i < N; ++i)
    d[2 * ((i * 40503u) % N)] = (int)i; // L:store
}

static void *scatterer(void *arg) {
  scatter(); // L:scatter
  return 0;
}

static int seen;
static pthread_t s;
static void *reader(void *arg) {
#ifdef ORDERED
  pthread_join(s, 0);
#else
  usleep(1000);
#endif
  seen = d[0]; // i = 0 stored it first
  return 0;
}

int main(void) {
  pthread_t r;
  pthread_create(&s, 0, scatterer, 0);
  pthread_create(&r, 0, reader, 0);
#ifndef ORDERED
  pthread_join(s, 0); // with ORDERED the reader joined it
#endif
  pthread_join(r, 0);
  return seen == 12345;
}
