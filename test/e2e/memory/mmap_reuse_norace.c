// One thread maps a buffer, writes and reads it, and unmaps it; a second
// thread then maps a buffer of its own at the very same address and writes
// it. Nothing the program does orders the two threads (the address is
// passed with a relaxed store): only the kernel's munmap-then-mmap does. The
// second mapping is new memory, so its first write must not "race" with the
// dead mapping's last read: munmap and mmap reset the shadow. The same holds
// for pages thrown away with madvise(MADV_DONTNEED) and for a range mremap
// moved away from. Twin: mmap_reuse_race.c.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: munmap then mmap: same address
// CHECK: madvise: done
// CHECK: mremap then mmap: same address

#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

enum { kLen = 4 * 4096 };

static char *handed;  // the address, passed on with no happens-before
static int advised;   // the madvise phase: set once the pages are gone
static char *shared;  // the madvise phase's mapping (made before both threads)

static char *map_at(void *hint) {
  int flags = MAP_PRIVATE | MAP_ANONYMOUS | (hint ? MAP_FIXED_NOREPLACE : 0);
  char *p = mmap(hint, kLen, PROT_READ | PROT_WRITE, flags, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

static void *first_owner(void *arg) {
  char *ring = map_at(NULL);
  ring[100] = 1;
  volatile char seen = ring[200];
  (void)seen;
  munmap(ring, kLen);
  __atomic_store_n(&handed, ring, __ATOMIC_RELAXED);
  return NULL;
}

static void *second_owner(void *arg) {
  char *old;
  while (!(old = __atomic_load_n(&handed, __ATOMIC_RELAXED)))
    ;
  char *ring = map_at(old);
  printf("munmap then mmap: %s\n", ring == old ? "same address" : "moved");
  if (ring) {
    ring[200] = 2; // the dead mapping's read was here
    ring[100] = 3; // and its write
    munmap(ring, kLen);
  }
  return NULL;
}

static void *discarder(void *arg) {
  shared[300] = 1;
  madvise(shared, kLen, MADV_DONTNEED);
  __atomic_store_n(&advised, 1, __ATOMIC_RELAXED);
  return NULL;
}

static void *reuser(void *arg) {
  while (!__atomic_load_n(&advised, __ATOMIC_RELAXED))
    ;
  shared[300] = 2; // fresh zero pages
  printf("madvise: done\n");
  return NULL;
}

static void *mover(void *arg) {
  char *ring = map_at(NULL);
  ring[400] = 1;
  // Grown to a new place: the old range is unmapped by the move. The place
  // is reserved first: MREMAP_FIXED replaces whatever is mapped there, and a
  // guessed address can be the C library's own data (the run then crashes
  // at exit, under weft or not, depending on the layout ASLR picked).
  char *dest = mmap(NULL, 2 * kLen, PROT_NONE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  char *moved = dest == MAP_FAILED
                    ? MAP_FAILED
                    : mremap(ring, kLen, 2 * kLen,
                             MREMAP_MAYMOVE | MREMAP_FIXED, dest);
  if (moved != MAP_FAILED)
    munmap(moved, 2 * kLen);
  else if (dest != MAP_FAILED)
    munmap(dest, 2 * kLen);
  __atomic_store_n(&handed, ring, __ATOMIC_RELAXED);
  return NULL;
}

static void *remapper(void *arg) {
  char *old;
  while (!(old = __atomic_load_n(&handed, __ATOMIC_RELAXED)))
    ;
  char *ring = map_at(old);
  printf("mremap then mmap: %s\n", ring == old ? "same address" : "moved");
  if (ring) {
    ring[400] = 2;
    munmap(ring, kLen);
  }
  return NULL;
}

static void run(void *(*a)(void *), void *(*b)(void *)) {
  __atomic_store_n(&handed, NULL, __ATOMIC_RELAXED);
  pthread_t ta, tb;
  pthread_create(&ta, NULL, a, NULL);
  pthread_create(&tb, NULL, b, NULL);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
}

int main(void) {
  run(first_owner, second_owner);
  shared = map_at(NULL);
  run(discarder, reuser);
  munmap(shared, kLen);
  run(mover, remapper);
  return 0;
}
