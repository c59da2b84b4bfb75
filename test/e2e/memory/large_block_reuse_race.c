// Twin of large_block_reuse_norace.c: a large heap block handed out again
// at an address another thread freed starts clean, but it is memory like
// any other.
//  1. The new owner writes it, and a third thread writes the same byte with
//     nothing ordering them: that race is reported, and its previous access
//     is the new owner's write, not the dead block's (for a 100 KiB block,
//     whose shadow is zeroed in place, and a 700 KiB one, whose shadow pages
//     were released).
//  2. free() of a large block is still a write of every byte: a free racing
//     with another thread's write deep inside a 100 KiB block is reported
//     (its check and the zeroing of its shadow share one pass).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// With no budget for kept shadow, every free hands its zeroed shadow back:
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=kept_shadow_mb=0 %expect-exit 66 %t 2>&1 | FileCheck %s
//
// CHECK:      100 KiB: same address
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 1 at 0x{{[0-9a-f]+}} by thread T3:
// CHECK-NEXT:     #0 third_100k {{.*}}large_block_reuse_race.c:102
// CHECK:        Previous write of size 1 at 0x{{[0-9a-f]+}} by thread T2:
// CHECK-NEXT:     #0 second_owner_100k {{.*}}large_block_reuse_race.c:91
// CHECK:      700 KiB: same address
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 1 at 0x{{[0-9a-f]+}} by thread T6:
// CHECK-NEXT:     #0 third_700k {{.*}}large_block_reuse_race.c:106
// CHECK:        Previous write of size 1 at 0x{{[0-9a-f]+}} by thread T5:
// CHECK-NEXT:     #0 second_owner_700k {{.*}}large_block_reuse_race.c:97
// CHECK:      WARNING: weft: data race
// CHECK-NEXT:   Write of size 8 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 free
// CHECK-NEXT:     #1 main {{.*}}large_block_reuse_race.c:140
// CHECK:        Previous write of size 1 at 0x{{[0-9a-f]+}} by thread T7:
// CHECK-NEXT:     #0 deep_writer {{.*}}large_block_reuse_race.c:111
// CHECK-NOT:  WARNING: weft

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t size;  // set by main before each trio of threads
static char *handed; // the freed block, passed with no happens-before
static char *given;  // the new block, likewise
static int taken;    // set once the second owner has its block, likewise
static int ready;    // set once the second owner's malloc is set up, likewise

static void *first_owner(void *arg) {
  char *p = arg; // allocated by main before the threads: their creation
                 // allocates too, and must not take its place
  memset(p, 1, size);
  while (!__atomic_load_n(&ready, __ATOMIC_RELAXED))
    ;
  free(p);
  __atomic_store_n(&handed, p, __ATOMIC_RELAXED);
  // Alive until the block is taken: glibc frees a thread's own small
  // blocks when it ends, which would merge with the freed block.
  while (!__atomic_load_n(&taken, __ATOMIC_RELAXED))
    ;
  return NULL;
}

// The new owner: a block at the address the first owner freed.
static char *take_reused(void) {
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
  return q;
}

static char *receive(void) {
  char *q;
  while (!(q = __atomic_load_n(&given, __ATOMIC_RELAXED)))
    ;
  return q;
}

// One function per size: a race is reported once per pair of lines.
static void *second_owner_100k(void *arg) {
  char *q = take_reused();
  q[size / 2] = 2;
  __atomic_store_n(&given, q, __ATOMIC_RELAXED);
  return NULL;
}
static void *second_owner_700k(void *arg) {
  char *q = take_reused();
  q[size / 2] = 3;
  __atomic_store_n(&given, q, __ATOMIC_RELAXED);
  return NULL;
}
static void *third_100k(void *arg) {
  receive()[size / 2] = 5;
  return NULL;
}
static void *third_700k(void *arg) {
  receive()[size / 2] = 6;
  return NULL;
}

static void *deep_writer(void *p) {
  ((char *)p)[50000] = 42;
  return NULL;
}

static void run(size_t bytes, void *(*second)(void *), void *(*third)(void *)) {
  size = bytes;
  __atomic_store_n(&handed, NULL, __ATOMIC_RELAXED);
  __atomic_store_n(&given, NULL, __ATOMIC_RELAXED);
  __atomic_store_n(&taken, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&ready, 0, __ATOMIC_RELAXED);
  pthread_t a, b, c;
  pthread_create(&a, NULL, first_owner, malloc(size));
  pthread_create(&b, NULL, second, NULL);
  pthread_create(&c, NULL, third, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  free(given);
}

int main(void) {
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  run(100 << 10, second_owner_100k, third_100k);
  run(700 << 10, second_owner_700k, third_700k);
  char *big = malloc(100 << 10);
  pthread_t t;
  pthread_create(&t, NULL, deep_writer, big);
  sleep(1); // not synchronization: the writer's write is unordered
  free(big);
  pthread_join(t, NULL);
  return 0;
}
