// A thread's call-stack array holds 65536 frames (docs/design.md, "Stacks");
// deeper calls are counted, not stored. A race at the bottom of a recursion
// 70000 calls deep shows the access, a line saying that the deepest frames
// were not recorded, then the outer frames. Back at the top, the stack is
// exact again.
// EXPECT: race
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s --match-full-lines

#include <pthread.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

static volatile int deep_shared, top_shared;
static __thread volatile int sink; // keeps the calls from being tail calls

NOINLINE static void deep_write(int depth) {
  if (depth == 0) {
    deep_shared = 1;
    return;
  }
  deep_write(depth - 1);
  sink++;
}

NOINLINE static void top_write(void) { top_shared = 1; }

static void *worker(void *arg) {
  deep_write(70000);
  top_write();
  return 0;
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 << 20);
  pthread_t t;
  pthread_create(&t, &attr, worker, 0);
#ifdef ORDERED // shadow_stack_overflow_norace.c joins the worker first
  pthread_join(t, 0);
#else
  sleep(1); // not synchronization: the worker's writes are unordered
#endif
  sink = deep_shared + top_shared;
#ifndef ORDERED
  pthread_join(t, 0);
#endif
  return 0;
}

// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}shadow_stack_overflow_race.c:46:10 ({{.*}})
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 deep_write {{.*}}shadow_stack_overflow_race.c:20:17 ({{.*}})
// CHECK-NEXT:     [frames nested deeper than 65536 not recorded]
// CHECK-NEXT:     #1 deep_write {{.*}}shadow_stack_overflow_race.c:23:3 ({{.*}})
// CHECK-NEXT:     #2 deep_write {{.*}}shadow_stack_overflow_race.c:23:3 ({{.*}})
// CHECK:          #254 deep_write {{.*}}shadow_stack_overflow_race.c:23:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Location is global 'deep_shared' of size 4 at 0x{{[0-9a-f]+}} ({{.*}})
// Back from the depths, the write's stack is exact.
// CHECK:      WARNING: weft: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by main thread:
// CHECK-NEXT:     #0 main {{.*}}shadow_stack_overflow_race.c:46:24 ({{.*}})
// CHECK:        Previous write of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 top_write {{.*}}shadow_stack_overflow_race.c:27:51 ({{.*}})
// CHECK-NEXT:     #1 worker {{.*}}shadow_stack_overflow_race.c:31:3 ({{.*}})
// CHECK-EMPTY:
// CHECK-NEXT:   Location is global 'top_shared' of size 4 at 0x{{[0-9a-f]+}} ({{.*}})
// CHECK:      weft: reported 2 warnings
