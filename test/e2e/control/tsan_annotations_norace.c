// Code annotated for ThreadSanitizer declares the dynamic-annotation
// functions itself and works unchanged under weft: happens-before on a
// custom spin lock built from relaxed atomics (AnnotateRWLock*), ignored
// reads, a benign race and new memory. Silent in every schedule; without
// the annotations the same program races.
// RUN: %weft-cc %s -o %t
// RUN: %weft test -n 50 --seed 8 -- %t 2>&1 | FileCheck %s
// RUN: %weft-cc -DNO_ANNOTATIONS %s -o %t.race
// RUN: env WEFT_SEED=8 %expect-exit 66 %t.race 2>&1 | FileCheck %s --check-prefix=RACE
// CHECK-NOT: WARNING
// CHECK: weft test: 50 schedules, 0 failed
// RACE: WARNING: weft: data race

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>

#ifndef NO_ANNOTATIONS
void AnnotateHappensBefore(const char *f, int l, const volatile void *addr);
void AnnotateHappensAfter(const char *f, int l, const volatile void *addr);
void AnnotateRWLockCreate(const char *f, int l, const volatile void *lock);
void AnnotateRWLockDestroy(const char *f, int l, const volatile void *lock);
void AnnotateRWLockAcquired(const char *f, int l, const volatile void *lock, long is_w);
void AnnotateRWLockReleased(const char *f, int l, const volatile void *lock, long is_w);
void AnnotateIgnoreReadsBegin(const char *f, int l);
void AnnotateIgnoreReadsEnd(const char *f, int l);
void AnnotateIgnoreWritesBegin(const char *f, int l);
void AnnotateIgnoreWritesEnd(const char *f, int l);
void AnnotateBenignRaceSized(const char *f, int l, const volatile void *addr, size_t size, const char *desc);
void AnnotateNewMemory(const char *f, int l, const volatile void *addr, size_t size);
void AnnotateMutexIsNotPHB(const char *f, int l, const volatile void *mu);
#define ANN(call) call
#else
#define ANN(call) ((void)0)
#endif

static atomic_int lock_word; // a spin lock weft cannot see through
static long guarded;
static long peeked;
static int benign;

static void spin_lock(void) {
  int expected = 0;
  while (!atomic_compare_exchange_weak_explicit(&lock_word, &expected, 1, memory_order_relaxed,
                                                memory_order_relaxed))
    expected = 0;
  ANN(AnnotateRWLockAcquired(__FILE__, __LINE__, &lock_word, 1));
}

static void spin_unlock(void) {
  ANN(AnnotateRWLockReleased(__FILE__, __LINE__, &lock_word, 1));
  atomic_store_explicit(&lock_word, 0, memory_order_relaxed);
}

static void *worker(void *arg) {
  spin_lock();
  guarded++;
  spin_unlock();
  ANN(AnnotateIgnoreReadsBegin(__FILE__, __LINE__));
  long p = peeked;
  ANN(AnnotateIgnoreReadsEnd(__FILE__, __LINE__));
  benign = (int)p;
  ANN(AnnotateHappensBefore(__FILE__, __LINE__, arg));
  return 0;
}

int main(void) {
  ANN(AnnotateRWLockCreate(__FILE__, __LINE__, &lock_word));
  ANN(AnnotateMutexIsNotPHB(__FILE__, __LINE__, &lock_word));
  ANN(AnnotateBenignRaceSized(__FILE__, __LINE__, &benign, sizeof benign, "last writer wins"));
  char *buf = malloc(8);
  ANN(AnnotateNewMemory(__FILE__, __LINE__, buf, 8));
  pthread_t a, b;
  pthread_create(&a, 0, worker, buf);
  pthread_create(&b, 0, worker, buf);
  peeked = 1;
  spin_lock();
  guarded++;
  spin_unlock();
  pthread_join(a, 0);
  pthread_join(b, 0);
  ANN(AnnotateHappensAfter(__FILE__, __LINE__, buf));
  free(buf);
  ANN(AnnotateRWLockDestroy(__FILE__, __LINE__, &lock_word));
  return guarded != 3;
}
