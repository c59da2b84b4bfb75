// Threads started by two threads that never synchronize with each other,
// with stacks big enough that glibc's cache of finished threads' stacks
// (40 MiB) fills and is trimmed on every round. A cached stack carries the
// TLS vector its first creator calloc'ed inside pthread_create; the next
// creator reuses it, and whichever thread's create or join trims the cache
// frees it, ordered only by a lock inside glibc. weft ignores the accesses
// inside the real pthread_create, join and detach (as TSan does), so this
// race-free program stays silent in every schedule, where it used to
// report a race between calloc (allocate_dtv) and free (_dl_deallocate_tls).
// The twin (-DRACY) adds one true race between the two spawners, which must
// be the only report.
//
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_SEED=1 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: env WEFT_SEED=3 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft-cc -O1 -DRACY %s -o %t.racy
// RUN: env WEFT_SEED=1 %expect-exit 66 %t.racy 2>&1 | FileCheck %s --check-prefix=RACY --implicit-check-not=WARNING
// RUN: env WEFT_SEED=2 %expect-exit 66 %t.racy 2>&1 | FileCheck %s --check-prefix=RACY --implicit-check-not=WARNING
//
// CHECK: sum=96
// RACY: WARNING: weft: data race
// RACY: Location is global 'spawns'
// RACY: SUMMARY: weft: data race {{.*}}stack_cache_reuse_norace.c:[[#RACY_LINE:]]:{{.*}} in spawner
// RACY: sum=96
#include <pthread.h>
#include <stdio.h>

static __thread int tls_counter;
long spawns; // -DRACY: both spawners count here, unsynchronized

static void *leaf(void *arg) {
  tls_counter += (int)(long)arg;
  return (void *)(long)tls_counter;
}

static void *spawner(void *arg) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 16 << 20);
  long sum = 0;
  for (int round = 0; round < 8; ++round) {
    pthread_t kids[3];
    for (int i = 0; i < 3; ++i)
      pthread_create(&kids[i], &attr, leaf, (void *)(long)(i + 1));
    for (int i = 0; i < 3; ++i) {
      void *r;
      pthread_join(kids[i], &r);
      sum += (long)r;
    }
#ifdef RACY
    ++spawns; // RACY_LINE
#endif
  }
  // A detached one too: its stack goes back to the cache at its exit.
  pthread_t lone;
  pthread_create(&lone, &attr, leaf, (void *)0L);
  pthread_detach(lone);
  pthread_attr_destroy(&attr);
  return (void *)sum;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, spawner, NULL);
  pthread_create(&b, NULL, spawner, NULL);
  void *ra, *rb;
  pthread_join(a, &ra);
  pthread_join(b, &rb);
  printf("sum=%ld\n", (long)ra + (long)rb);
  return 0;
}
