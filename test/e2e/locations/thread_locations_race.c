// Each kind of location, owned by a thread other than main, named as TSan
// names it: a local of the thread's entry function and one of a frame
// nested below it are its stack (not its TLS: the TLS block lies right above
// the stack, and a thread's first frames are its nearest neighbours), a
// __thread variable is its TLS, a block it allocated is heap, a global is a
// global. In each scenario an owner thread publishes an object's address to
// a peer thread with a relaxed store (no happens-before) and writes it; the
// peer writes it too. Twin: thread_locations_norace.c (release/acquire).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: %weft-cc -O0 %s -o %t.O0
// RUN: env WEFT_SEED=1 %expect-exit 66 %t.O0 2>&1 | FileCheck %s
//
// CHECK:      WARNING: weft: data race
// CHECK:      Location is stack of thread T1.
// CHECK:      WARNING: weft: data race
// CHECK:      Location is stack of thread T3.
// CHECK:      WARNING: weft: data race
// CHECK:      Location is TLS of thread T5.
// CHECK:      WARNING: weft: data race
// CHECK:      Location is heap block of size 16 at 0x{{[0-9a-f]+}} allocated by thread T7:
// CHECK-NEXT:   #0 heap_owner {{.*}}thread_locations_race.c:82
// CHECK:      WARNING: weft: data race
// CHECK:      Location is global 'shared_global' of size 4
// CHECK-NOT:  WARNING: weft

#include <pthread.h>
#include <stdlib.h>

static int *published;
static int done;
__thread int owned_tls;
int shared_global;

// Each owner writes in its own function: reports are one per pair of
// racing instructions.
static void publish(int *p) { __atomic_store_n(&published, p, __ATOMIC_RELAXED); }

static void wait_for_peer(void) {
  while (!__atomic_load_n(&done, __ATOMIC_RELAXED))
    ;
}

static void *peer(void *arg) {
  int *p;
  while (!(p = __atomic_load_n(&published, __ATOMIC_RELAXED)))
    ;
  *(volatile int *)p = 2;
  __atomic_store_n(&done, 1, __ATOMIC_RELAXED);
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
