// A chain of THREADS threads (4 by default; -DTHREADS=N), each started by
// the one before it, each adding its own k to a shared total with
// `total = total + k`: a plain read, then a plain write. Two updates
// collapse into one only when a thread is preempted between its read and
// its write, a window with no synchronization in it. The race is known
// (annotated benign) so that the run goes on to the assertion, which the
// scheduler has to reach. (FIXED: the addition is an atomic fetch-add.)
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

#ifndef THREADS
#define THREADS 4
#endif

// weft's benign-race annotation (weft/annotations.h), weak so that the
// program also builds without weft (test/schedules/measure's native runs).
__attribute__((weak)) void __weft_benign_race(const volatile void *, size_t, const char *);

static long total;

static void *link_of_chain(void *arg) {
  long k = (long)arg;
  pthread_t next;
  if (k < THREADS)
    pthread_create(&next, 0, link_of_chain, (void *)(k + 1));
#ifdef FIXED
  __atomic_fetch_add(&total, k, __ATOMIC_SEQ_CST);
#else
  total = total + k;
#endif
  if (k < THREADS)
    pthread_join(next, 0);
  return 0;
}

int main(void) {
  if (__weft_benign_race)
    __weft_benign_race(&total, sizeof total, "the lost update is the bug under test");
  pthread_t first;
  pthread_create(&first, 0, link_of_chain, (void *)1L);
  pthread_join(first, 0);
  assert(total == (long)THREADS * (THREADS + 1) / 2);
  return 0;
}
