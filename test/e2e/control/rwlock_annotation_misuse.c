// Misuse of a lock the program declares with AnnotateRWLock*: an unlock of
// a lock nobody holds, a second write lock, a read unlock of a write-locked
// lock, a read lock of a write-locked one. Reported as TSan reports them
// (the annotations describe a lock weft cannot see; nothing blocks).
// EXPECT: mutex-misuse
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,UNHELD
// RUN: env WEFT_SEED=1 %expect-exit 66 %t double_lock 2>&1 | FileCheck %s --check-prefixes=CHECK,DOUBLE
// RUN: env WEFT_SEED=1 %expect-exit 66 %t read_unlock 2>&1 | FileCheck %s --check-prefixes=CHECK,READ_UNLOCK
// RUN: env WEFT_SEED=1 %expect-exit 66 %t read_lock 2>&1 | FileCheck %s --check-prefixes=CHECK,READ_LOCK
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=report_mutex_bugs=0 %t 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=WARNING
// OFF: done

// UNHELD:      WARNING: weft: unlock of an unlocked mutex
// UNHELD-NEXT:   unlock of an unlocked mutex 0x{{[0-9a-f]+}} by main thread:
// UNHELD-NEXT:     #0 unheld {{.*}}rwlock_annotation_misuse.c:[[@LINE+27]]
// DOUBLE:      WARNING: weft: double lock of a mutex
// DOUBLE-NEXT:   double lock of a mutex 0x{{[0-9a-f]+}} by main thread:
// DOUBLE-NEXT:     #0 double_lock {{.*}}rwlock_annotation_misuse.c:[[@LINE+29]]
// READ_UNLOCK:      WARNING: weft: read unlock of a write locked mutex
// READ_UNLOCK-NEXT:   read unlock of a write locked mutex 0x{{[0-9a-f]+}} by main thread:
// READ_UNLOCK-NEXT:     #0 read_unlock {{.*}}rwlock_annotation_misuse.c:[[@LINE+32]]
// READ_LOCK:      WARNING: weft: read lock of a write locked mutex
// READ_LOCK-NEXT:   read lock of a write locked mutex 0x{{[0-9a-f]+}} by main thread:
// READ_LOCK-NEXT:     #0 read_lock {{.*}}rwlock_annotation_misuse.c:[[@LINE+34]]
// CHECK:      SUMMARY: weft: {{.*}}rwlock_annotation_misuse.c
// CHECK:      done
// CHECK:      weft: reported 1 warning

#include <stdio.h>
#include <string.h>

void AnnotateRWLockCreate(const char *f, int l, const volatile void *lock);
void AnnotateRWLockDestroy(const char *f, int l, const volatile void *lock);
void AnnotateRWLockAcquired(const char *f, int l, const volatile void *lock, long is_w);
void AnnotateRWLockReleased(const char *f, int l, const volatile void *lock, long is_w);

static int lock; // the program's own lock word

// One function per misuse: the optimizer would merge the identical calls
// of one function into one call site.
__attribute__((noinline)) static void unheld(void) {
  AnnotateRWLockReleased(__FILE__, __LINE__, &lock, 1); // L:unheld
}

__attribute__((noinline)) static void double_lock(void) {
  AnnotateRWLockAcquired(__FILE__, __LINE__, &lock, 1);
  AnnotateRWLockAcquired(__FILE__, __LINE__, &lock, 1); // L:double
  AnnotateRWLockReleased(__FILE__, __LINE__, &lock, 1);
}

__attribute__((noinline)) static void read_unlock(void) {
  AnnotateRWLockAcquired(__FILE__, __LINE__, &lock, 1);
  AnnotateRWLockReleased(__FILE__, __LINE__, &lock, 0); // L:readunlock
}

__attribute__((noinline)) static void read_lock(void) {
  AnnotateRWLockAcquired(__FILE__, __LINE__, &lock, 1);
  AnnotateRWLockAcquired(__FILE__, __LINE__, &lock, 0); // L:readlock
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "unheld";
  AnnotateRWLockCreate(__FILE__, __LINE__, &lock);
  if (!strcmp(what, "unheld"))
    unheld();
  else if (!strcmp(what, "double_lock"))
    double_lock();
  else if (!strcmp(what, "read_unlock"))
    read_unlock();
  else if (!strcmp(what, "read_lock"))
    read_lock();
  AnnotateRWLockDestroy(__FILE__, __LINE__, &lock);
  printf("done\n");
  return 0;
}
