// Twin of access_history_streams_race.c: the writer joins the loop's
// thread before it writes, so the write is ordered after every read.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck --allow-empty %s
// RUN: %weft test -n 20 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: weft
// TEST: weft test: 20 schedules, 0 failed

#include <pthread.h>
#include <unistd.h>

enum { N = 4096 };
long a[N], b[N], c[N];
static pthread_t s;

__attribute__((noinline)) static void sum_arrays(void) {
  for (int i = 0; i < N; ++i)
    a[i] = b[i] + c[i];
}

static void *summer(void *arg) {
  sum_arrays();
  return 0;
}

static void *writer(void *arg) {
  pthread_join(s, 0);
  c[2000] = 7;
  return 0;
}

int main(void) {
  pthread_t w;
  pthread_create(&s, 0, summer, 0);
  pthread_create(&w, 0, writer, 0);
  pthread_join(w, 0);
  return 0;
}
