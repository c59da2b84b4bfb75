// Twin of access_history_scattered_race.c: the reader joins the thread
// that scattered the stores before it reads.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck --allow-empty %s
// RUN: %weft test -n 10 --seed 1 -- %t 2>&1 | FileCheck --check-prefix=TEST %s
// CHECK-NOT: weft
// TEST: weft test: 10 schedules, 0 failed

#include <pthread.h>

enum { N = 1 << 16 };
int d[2 * N];
static pthread_t s;

__attribute__((noinline)) static void scatter(void) {
  for (unsigned i = 0; i < N; ++i)
    d[2 * ((i * 40503u) % N)] = (int)i;
}

static void *scatterer(void *arg) {
  scatter();
  return 0;
}

static int seen;
static void *reader(void *arg) {
  pthread_join(s, 0);
  seen = d[0];
  return 0;
}

int main(void) {
  pthread_t r;
  pthread_create(&s, 0, scatterer, 0);
  pthread_create(&r, 0, reader, 0);
  pthread_join(r, 0);
  return seen;
}
