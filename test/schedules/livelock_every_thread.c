// A livelock (max_steps) reports every live thread with its stack: here two
// threads each spin until the other gives up (seed pinned at a 1% rate).
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=53 WEFT_OPTIONS="max_steps=500 preemption_rate=1" %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: step limit reached (livelock?)
// CHECK-NEXT: The run took more than 500 scheduling steps (max_steps).
// CHECK-DAG: {{(main thread|thread T1) was running}}:
// CHECK-DAG: {{(main thread|thread T1) was runnable}}:
// CHECK-DAG: #0 b {{.*}}livelock_every_thread.c:25
// CHECK-DAG: #0 main {{.*}}livelock_every_thread.c:33
// CHECK: SUMMARY: weft: livelock
// CHECK: To reproduce: WEFT_OPTIONS='max_steps=500 preemption_rate=1' WEFT_SEED=0x35
#include <pthread.h>
#include <stdatomic.h>

static atomic_int a_wants, b_wants;

__attribute__((noinline)) static void spin_until(atomic_int *other) {
  while (atomic_load(other))
    ;
}

static void *b(void *arg) {
  atomic_store(&b_wants, 1);
  spin_until(&a_wants);
  return 0;
}

int main(void) {
  atomic_store(&a_wants, 1);
  pthread_t t;
  pthread_create(&t, 0, b, 0);
  spin_until(&b_wants);
  pthread_join(t, 0);
  return 0;
}
