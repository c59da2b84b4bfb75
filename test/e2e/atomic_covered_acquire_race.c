// An acquire of an atomic whose clock the reader already includes skips the
// join (runtime/lib/core/atomics.cc, SyncVar::coveredBy): the reader spins
// on `turn`, and every load after the first that saw a value is covered
// until the writer stores again. Each new store must end the cover. Here
// the writer writes `data` after its release store, so the reader's read
// of it is not ordered: reported in every schedule. Its race-free twin is
// atomic_covered_acquire_norace.c (this program with ORDERED, the write
// before the store).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK: #0 reader {{.*}}atomic_covered_acquire_race.c:[[@LINE+44]]:

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

enum { Rounds = 50 };
static int data;
static atomic_int turn, ack;

// Odd rounds publish with a release store, even ones with a release fence
// and a relaxed store: that store changes the clock but not who covers it,
// so only the clock's version tells the reader's next load to join.
static void publish(int I) {
  if (I % 2) {
    atomic_store_explicit(&turn, I, memory_order_release);
  } else {
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&turn, I, memory_order_relaxed);
  }
}

static void *writer(void *arg) {
  for (int I = 1; I <= Rounds; ++I) {
#ifdef ORDERED
    data = I;
    publish(I);
#else
    publish(I);
    data = I;
#endif
    while (atomic_load_explicit(&ack, memory_order_acquire) != I)
      sched_yield();
  }
  return 0;
}

static void *reader(void *arg) {
  long Sum = 0;
  for (int I = 1; I <= Rounds; ++I) {
    while (atomic_load_explicit(&turn, memory_order_acquire) != I)
      sched_yield();
    // Covered now: the same location again, no new store since.
    (void)atomic_load_explicit(&turn, memory_order_acquire);
    Sum += data;
    atomic_store_explicit(&ack, I, memory_order_release);
  }
  return (void *)Sum;
}

int main(void) {
  pthread_t W, R;
  pthread_create(&R, 0, reader, 0);
  pthread_create(&W, 0, writer, 0);
  pthread_join(W, 0);
  pthread_join(R, 0);
  return 0;
}
