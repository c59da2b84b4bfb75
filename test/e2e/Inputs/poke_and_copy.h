// The harness of the range_memo and range_across_regions tests: one thread
// (a poker) writes bytes into a buffer while another (the test's copier)
// copies the buffer out as a range. With ORDERED the poker is joined before
// the copier starts (the race-free twin); without it nothing orders the two.
// pokeMiddle pokes byte 2000 of `shared`; a test that expects one report
// per poked byte brings its own poker, since weft reports a race once per
// pair of pcs.
#include <pthread.h>
#include <string.h>

char shared[4096];
char copy[4096];

void *pokeMiddle(void *arg) {
  (void)arg;
  shared[2000] = 1;
  return 0;
}

static void pokeThenCopy(void *(*poker)(void *), void *(*copier)(void *)) {
  pthread_t p, c;
  pthread_create(&p, 0, poker, 0);
#ifdef ORDERED
  pthread_join(p, 0);
#endif
  pthread_create(&c, 0, copier, 0);
#ifndef ORDERED
  pthread_join(p, 0);
#endif
  pthread_join(c, 0);
}
