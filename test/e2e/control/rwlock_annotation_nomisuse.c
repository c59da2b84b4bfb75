// The misuse-free twin of rwlock_annotation_misuse.c: a lock the program
// builds from atomics and declares with AnnotateRWLock*, used correctly by
// two readers at once and a writer: nothing is reported, in any schedule.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 20 --seed 4 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 20 schedules, 0 failed
// CHECK: value 3

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

void AnnotateRWLockCreate(const char *f, int l, const volatile void *lock);
void AnnotateRWLockDestroy(const char *f, int l, const volatile void *lock);
void AnnotateRWLockAcquired(const char *f, int l, const volatile void *lock, long is_w);
void AnnotateRWLockReleased(const char *f, int l, const volatile void *lock, long is_w);

// -1: write locked; N > 0: N readers.
static atomic_int lock;
static int value;

static void read_lock(void) {
  for (;;) {
    int v = atomic_load(&lock);
    if (v >= 0 && atomic_compare_exchange_weak(&lock, &v, v + 1))
      break;
    sched_yield();
  }
  AnnotateRWLockAcquired(__FILE__, __LINE__, &lock, 0);
}

static void read_unlock(void) {
  AnnotateRWLockReleased(__FILE__, __LINE__, &lock, 0);
  atomic_fetch_sub(&lock, 1);
}

static void write_lock(void) {
  for (;;) {
    int v = 0;
    if (atomic_compare_exchange_weak(&lock, &v, -1))
      break;
    sched_yield();
  }
  AnnotateRWLockAcquired(__FILE__, __LINE__, &lock, 1);
}

static void write_unlock(void) {
  AnnotateRWLockReleased(__FILE__, __LINE__, &lock, 1);
  atomic_store(&lock, 0);
}

static void *reader(void *arg) {
  for (int i = 0; i < 3; ++i) {
    read_lock();
    (void)value;
    read_unlock();
  }
  return NULL;
}

static void *writer(void *arg) {
  for (int i = 0; i < 3; ++i) {
    write_lock();
    ++value;
    write_unlock();
  }
  return NULL;
}

int main(void) {
  AnnotateRWLockCreate(__FILE__, __LINE__, &lock);
  pthread_t t[3];
  pthread_create(&t[0], NULL, reader, NULL);
  pthread_create(&t[1], NULL, reader, NULL);
  pthread_create(&t[2], NULL, writer, NULL);
  for (int i = 0; i < 3; ++i)
    pthread_join(t[i], NULL);
  AnnotateRWLockDestroy(__FILE__, __LINE__, &lock);
  printf("value %d\n", value);
  return 0;
}
