// Twin of thread_locations_race.c: the same owners and objects (a local of
// a thread's entry function, one of a nested frame, a __thread variable, a
// heap block, a global), but the owner's write happens before the peer's
// (release/acquire on the flags), so nothing is reported.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --allow-empty --implicit-check-not=WARNING
// RUN: %weft-cc -O0 %s -o %t.O0
// RUN: env WEFT_SEED=1 %t.O0 2>&1 | FileCheck %s --allow-empty --implicit-check-not=WARNING

#include <pthread.h>
#include <stdlib.h>

static int *published;
static int done, written;
__thread int owned_tls;
int shared_global;

static void publish(int *p) { __atomic_store_n(&published, p, __ATOMIC_RELEASE); }

static void wait_for_peer(void) {
  __atomic_store_n(&written, 1, __ATOMIC_RELEASE);
  while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE))
    ;
}

static void *peer(void *arg) {
  int *p;
  while (!(p = __atomic_load_n(&published, __ATOMIC_ACQUIRE)))
    ;
  while (!__atomic_load_n(&written, __ATOMIC_ACQUIRE))
    ;
  *(volatile int *)p = 2;
  __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
  return NULL;
}

// A local of the entry function itself, the frame nearest the TLS block.
static void *entry_owner(void *arg) {
  int local = 0;
  publish(&local);
  *(volatile int *)(&local) = 1;
  wait_for_peer();
  return (void *)(long)local;
}

__attribute__((noinline)) static int nested_frame(int depth) {
  if (depth > 0)
    return nested_frame(depth - 1) + 1;
  int local = 0;
  publish(&local);
  *(volatile int *)(&local) = 1;
  wait_for_peer();
  return local;
}

static void *nested_owner(void *arg) { return (void *)(long)nested_frame(3); }

static void *tls_owner(void *arg) {
  publish(&owned_tls);
  *(volatile int *)(&owned_tls) = 1;
  wait_for_peer();
  return NULL;
}

static void *heap_owner(void *arg) {
  int *block = malloc(4 * sizeof(int));
  publish(&block[1]);
  *(volatile int *)(&block[1]) = 1;
  wait_for_peer();
  return block;
}

static void *global_owner(void *arg) {
  publish(&shared_global);
  *(volatile int *)(&shared_global) = 1;
  wait_for_peer();
  return NULL;
}

static void run(void *(*owner)(void *)) {
  __atomic_store_n(&published, NULL, __ATOMIC_RELAXED);
  __atomic_store_n(&done, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&written, 0, __ATOMIC_RELAXED);
  pthread_t o, p;
  pthread_create(&o, NULL, owner, NULL);
  pthread_create(&p, NULL, peer, NULL);
  void *r;
  pthread_join(p, NULL);
  pthread_join(o, &r);
  if (owner == heap_owner)
    free(r);
}

int main(void) {
  run(entry_owner);
  run(nested_owner);
  run(tls_owner);
  run(heap_owner);
  run(global_owner);
  return 0;
}
