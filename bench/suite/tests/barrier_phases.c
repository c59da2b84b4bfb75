// A stencil in phases: four threads update their quarter of an array from
// the previous phase's copy, with a barrier between the phases.
#include <pthread.h>
#include <stdio.h>

enum { Threads = 4, Cells = 4096, Phases = 60 };
static double grid[2][Cells];
static pthread_barrier_t phase_end;

static void *stencil(void *arg) {
  long id = (long)arg, lo = id * (Cells / Threads), hi = lo + Cells / Threads;
  for (int p = 0; p < Phases; p++) {
    const double *in = grid[p & 1];
    double *out = grid[(p + 1) & 1];
    for (long i = lo; i < hi; i++) {
      double l = in[i ? i - 1 : Cells - 1], r = in[i + 1 < Cells ? i + 1 : 0];
      out[i] = (l + in[i] + r) / 3.0;
    }
    pthread_barrier_wait(&phase_end);
  }
  return 0;
}

int main(void) {
  for (int i = 0; i < Cells; i++) grid[0][i] = i % 17;
  double before = 0, after = 0;
  for (int i = 0; i < Cells; i++) before += grid[0][i];
  pthread_barrier_init(&phase_end, 0, Threads);
  pthread_t t[Threads];
  for (long i = 0; i < Threads; i++) pthread_create(&t[i], 0, stencil, (void *)i);
  for (int i = 0; i < Threads; i++) pthread_join(t[i], 0);
  pthread_barrier_destroy(&phase_end);
  for (int i = 0; i < Cells; i++) after += grid[Phases & 1][i];
  // A symmetric stencil on a ring keeps the total.
  if (after < before - 1e-6 * before || after > before + 1e-6 * before) {
    fprintf(stderr, "total %f, want %f\n", after, before);
    return 1;
  }
  return 0;
}
