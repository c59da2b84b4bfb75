// The previous access's stack comes from the access history, not from the
// shadow (docs/design.md, "The access history"): a loop over three arrays
// at once leaves one record per array, and a race with an element in the
// middle of one still prints the loop's read with its full stack. The
// writer sleeps first, so it writes after the loop ran; sleeping is not
// synchronization, so the two race. Twin: access_history_streams_norace.c,
// this program with ORDERED, where the writer joins the loop's thread first.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines
// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Write of size 8 at 0x{{[0-9a-f]+}} by thread T2:
// CHECK-NEXT:     #0 writer {{.*}}access_history_streams_race.c:[[@LINE+31]]:{{[0-9]+}} ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Previous read of size 8 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 sum_arrays {{.*}}access_history_streams_race.c:[[@LINE+13]]:{{[0-9]+}} ({{.*}})
// CHECK-NEXT:     #1 summer {{.*}}access_history_streams_race.c:[[@LINE+16]]:{{[0-9]+}} ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Location is global 'c' of size 32768 at 0x{{[0-9a-f]+}} ({{.*}})

#include <pthread.h>
#include <unistd.h>

enum { N = 4096 };
long a[N], b[N], c[N];

__attribute__((noinline)) static void sum_arrays(void) {
  for (int i = 0; i < N; ++i)
    a[i] = b[i] + c[i]; // L:sum
}

static void *summer(void *arg) {
  sum_arrays(); // L:summer
  return 0;
}

static pthread_t s;
static void *writer(void *arg) {
#ifdef ORDERED
  pthread_join(s, 0);
#else
  usleep(1000);
#endif
  c[2000] = 7; // L:write
  return 0;
}

int main(void) {
  pthread_t w;
  pthread_create(&s, 0, summer, 0);
  pthread_create(&w, 0, writer, 0);
#ifndef ORDERED
  pthread_join(s, 0); // with ORDERED the writer joined it
#endif
  pthread_join(w, 0);
  return 0;
}
