// An access that this thread's earlier, wider access of the same epoch
// covers (a byte read after the whole object was written) is not recorded
// again (runtime/lib/core/access.cc, alreadyRecorded: the fast path). A write of
// that byte by another thread must still be reported, against the covering
// write. With ORDERED (covered_access_norace.c) the byte writer starts only
// after the first thread is joined.
// RUN: %weft-cc %s -o %t
// (Pinned seed: the covering thread runs first.)
// RUN: env WEFT_SEED=1 %expect-exit 66 %t 2>&1 | FileCheck %s
// CHECK: WARNING: weft: data race
// CHECK-NEXT: {{^  Write of size 1 at 0x[0-9a-f]+ by thread T2:$}}
// CHECK: {{^  Previous write of size 8 at 0x[0-9a-f]+ by thread T1:$}}
// CHECK: weft: reported 1 warning

#include <pthread.h>

long obj;
volatile char seen;

static void *whole_then_byte(void *arg) {
  obj = 0x0102030405060708;
  seen = ((volatile char *)&obj)[3]; // covered by the write above
  return 0;
}

static void *byte_writer(void *arg) {
  ((volatile char *)&obj)[3] = 9;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, whole_then_byte, 0);
#ifndef ORDERED
  pthread_create(&b, 0, byte_writer, 0);
#endif
  pthread_join(a, 0);
#ifdef ORDERED
  pthread_create(&b, 0, byte_writer, 0);
#endif
  pthread_join(b, 0);
  return 0;
}
