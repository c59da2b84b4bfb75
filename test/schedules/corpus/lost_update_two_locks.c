// Lost update under two different locks: each thread guards the shared
// total with a lock of its own, so the locks exclude nothing and an
// increment `total = total + 1` of one thread can fall between the read and
// the write of the other's. The window lies between two plain accesses of
// one statement: no synchronization, no atomic, only the read and the write.
// The race is known (annotated benign) so that the run goes on to the
// assertion: it is the scheduler that has to find the lost update.
// (FIXED: both threads take the same lock.)
#include <assert.h>
#include <pthread.h>
#include <stddef.h>

// weft's benign-race annotation (weft/annotations.h), weak so that the
// program also builds without weft (test/schedules/measure's native runs).
__attribute__((weak)) void __weft_benign_race(const volatile void *, size_t, const char *);

enum { Rounds = 3 };

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *add(void *arg) {
#ifdef FIXED
  pthread_mutex_t *lock = &lock_a;
#else
  pthread_mutex_t *lock = arg;
#endif
  for (int i = 0; i < Rounds; i++) {
    pthread_mutex_lock(lock);
    total = total + 1;
    pthread_mutex_unlock(lock);
  }
  return 0;
}

int main(void) {
  if (__weft_benign_race)
    __weft_benign_race(&total, sizeof total, "the lost update is the bug under test");
  pthread_t a, b;
  pthread_create(&a, 0, add, &lock_a);
  pthread_create(&b, 0, add, &lock_b);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(total == 2 * Rounds);
  return 0;
}
