// The SUMMARY line names the first frame in the program's own code: a crash
// inside the C library (abort() raising SIGABRT) shows libc's frames on top
// of the stack, but is summarized at the program's line that called
// abort(). (The same rule skips C++ library headers: cxx/vector_bool_race.cpp.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK:      WARNING: weft: crash (ABRT)
// CHECK-NEXT: Signal ABRT in thread T1:
// CHECK-NEXT:   #0 {{.*}} (libc.so.6+0x{{[0-9a-f]+}})
// CHECK:        #{{[0-9]+}} abort {{.*}}(libc.so.6+0x{{[0-9a-f]+}})
// CHECK-NEXT:   #{{[0-9]+}} give_up {{.*}}summary_skips_system_frames.c:[[#@LINE+8]]
// CHECK:      SUMMARY: weft: crash (ABRT) {{.*}}summary_skips_system_frames.c:[[#@LINE+7]]:{{[0-9]+}} in give_up

#include <pthread.h>
#include <stdlib.h>

__attribute__((noinline)) static void give_up(void) {
  __asm__ volatile("" ::: "memory");
  abort();
}

static void *worker(void *arg) {
  give_up();
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
