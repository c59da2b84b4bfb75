// Code in an instrumented shared object (weft cc -race -shared) races like
// code in the executable: its inline access checks read the runtime's
// thread pointer and shadow table from the executable
// (weft/shadow_layout.h). The race-free twin is shared_object_norace.c
// (this program with ORDERED). The library is built without -fPIC, as
// clang's default (PIE) code. Here, not in e2e/, because it builds two
// files (compare-with-tsan builds each e2e program alone).
// EXPECT: race
// RUN: mkdir -p %t.dir
// RUN: %weft-cc -O2 -shared %S/Inputs/shared_counter.c -o %t.dir/libsharedcounter.so
// RUN: %weft-cc -O2 %s -o %t -L%t.dir -lsharedcounter -Wl,-rpath,%t.dir
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  (Read|Write) of size 8 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK-NEXT: {{^    #0 bump_shared .*shared_counter.c:10}}
// CHECK: {{^  Previous write of size 8 at 0x[0-9a-f]+ by main thread:$}}
// CHECK-NEXT: {{^    #0 bump_shared .*shared_counter.c:10}}
// CHECK: Location is global 'shared_counter' of size 8
// CHECK: weft: reported 1 warning

#include <pthread.h>

void bump_shared(void);

static void *worker(void *arg) {
  bump_shared();
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef ORDERED
  pthread_join(t, 0);
#endif
  bump_shared();
#ifndef ORDERED
  pthread_join(t, 0);
#endif
  return 0;
}
