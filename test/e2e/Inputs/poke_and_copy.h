// The harness of the range_memo tests: one thread pokes a byte in the middle
// of `shared` while another copies `shared` out as a range. With ORDERED
// the poker is joined before the copier starts (the race-free twin);
// without it nothing orders the two.
#include <pthread.h>
#include <string.h>

char shared[4096];
char copy[4096];

static void *poker(void *arg) {
  (void)arg;
  shared[2000] = 1;
  return 0;
}

static int pokeThenCopy(void *(*copier)(void *)) {
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
  return copy[0] == 0;
}
