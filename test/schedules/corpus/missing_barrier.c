// A phase-parallel kernel: each of four workers smooths its own quarter of
// a vector in place (phase 1), then, in phase 2, adds its right
// neighbour's first smoothed element to its own last one. The barrier
// between the phases is missing: a worker whose phase 2 reads the
// neighbour's element before the neighbour has smoothed it (or after the
// neighbour's phase 2 changed it) computes a different sum. The
// workers start together from a barrier, so the bug needs a thread switch
// in the middle of the phases' plain accesses. (FIXED: the barrier.)
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

enum { Workers = 4, Chunk = 8, N = Workers * Chunk };

__attribute__((weak)) void __weft_benign_race(const volatile void *, size_t, const char *);

static long v[N];
static long edge[Workers];
static pthread_barrier_t start, phases;

static void *worker(void *arg) {
  long w = (long)arg;
  long lo = w * Chunk, hi = lo + Chunk;
  pthread_barrier_wait(&start);
  // Phase 1: in-place smoothing of the worker's own chunk.
  for (long i = hi - 1; i > lo; i--)
    v[i] = v[i] + v[i - 1];
  v[lo] = v[lo] * 2;
#ifdef FIXED
  pthread_barrier_wait(&phases);
#endif
  // Phase 2: the seam with the right neighbour.
  edge[w] = v[hi - 1] + (w + 1 < Workers ? v[hi] : 0);
  return 0;
}

int main(void) {
  if (__weft_benign_race)
    __weft_benign_race(v, sizeof v, "the missing barrier is the bug under test");
  for (long i = 0; i < N; i++)
    v[i] = i + 1;
  pthread_barrier_init(&start, 0, Workers);
  pthread_barrier_init(&phases, 0, Workers);
  pthread_t t[Workers];
  for (long w = 0; w < Workers; w++)
    pthread_create(&t[w], 0, worker, (void *)w);
  for (long w = 0; w < Workers; w++)
    pthread_join(t[w], 0);
  // What the kernel computes with the barrier in place.
  for (long w = 0; w + 1 < Workers; w++) {
    long hi = (w + 1) * Chunk;
    assert(edge[w] == (2 * hi - 1) + 2 * (hi + 1));
  }
  return 0;
}
