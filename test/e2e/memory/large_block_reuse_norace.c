// One thread allocates a large heap block (100 KiB, whose shadow a free
// zeroes in place, and 700 KiB, whose shadow pages go back to the kernel:
// docs/design.md, "Resetting shadow: zeros or released pages"), writes and
// reads all of it and frees it; a second thread then gets a block at the
// very same address from malloc and writes it. Nothing orders the two
// threads (the address is passed with a relaxed store), so only the free and
// the allocation separate the old owner's accesses from the new owner's:
// the new block must start clean, whichever way its shadow was reset.
// Twin: large_block_reuse_race.c.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// With no budget for kept shadow, every free hands its zeroed shadow back:
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=kept_shadow_mb=0 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// CHECK: 100 KiB: same address
// CHECK: 700 KiB: same address

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t size;  // set by main before each pair of threads
static char *handed; // the freed block's address, passed with no happens-before
static int taken;    // set once the second owner has its block, likewise
static int ready;    // set once the second owner's malloc is set up, likewise

static void *first_owner(void *arg) {
  char *p = arg; // allocated by main before the threads: their creation
                 // allocates too, and must not take its place
  memset(p, 1, size); // every byte, through the memset interceptor
  volatile char seen = p[size / 2];
  (void)seen;
  p[size - 1] = 3;
  while (!__atomic_load_n(&ready, __ATOMIC_RELAXED))
    ;
  free(p);
  __atomic_store_n(&handed, p, __ATOMIC_RELAXED);
  // Alive until the block is taken: glibc frees a thread's own small
  // blocks (its TLS vector) when it ends, and they would merge with the
  // freed block and move the next allocation.
  while (!__atomic_load_n(&taken, __ATOMIC_RELAXED))
    ;
  return NULL;
}

static void *second_owner(void *arg) {
  // A thread's first malloc sets up its cache with a block of its own,
  // split off the freed block if it came after the free.
  free(malloc(1));
  __atomic_store_n(&ready, 1, __ATOMIC_RELAXED);
  char *old;
  while (!(old = __atomic_load_n(&handed, __ATOMIC_RELAXED)))
    ;
  char *q = malloc(size);
  __atomic_store_n(&taken, 1, __ATOMIC_RELAXED);
  printf("%zu KiB: %s\n", size >> 10, q == old ? "same address" : "moved");
  fflush(stdout);
  q[size / 2] = 2;   // the old owner read here
  q[size - 1] = 4;   // and wrote here
  memset(q, 0, size);
  free(q);
  return NULL;
}

static void run(size_t bytes) {
  size = bytes;
  __atomic_store_n(&handed, NULL, __ATOMIC_RELAXED);
  __atomic_store_n(&taken, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&ready, 0, __ATOMIC_RELAXED);
  pthread_t a, b;
  pthread_create(&a, NULL, first_owner, malloc(size));
  pthread_create(&b, NULL, second_owner, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

int main(void) {
  // One arena for all threads, and no block served by its own mapping: the
  // second owner's malloc gets the first owner's freed memory back.
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  run(100 << 10);
  run(700 << 10);
  return 0;
}
