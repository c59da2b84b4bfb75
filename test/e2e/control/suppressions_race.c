// A race suppressed by function name is neither printed nor counted (exit
// 0); print_suppressions=1 lists what matched. A pattern that matches
// nothing leaves the report alone.
// RUN: %weft-cc %s -o %t
// RUN: printf '# comment\n\nrace:^racy_writer$\n' > %t.supp
// RUN: env WEFT_SEED=1 WEFT_OPTIONS="suppressions=%t.supp print_suppressions=1" %t 2>&1 | FileCheck %s --match-full-lines
// RUN: printf 'race:nosuchfunction\nrace:^acy_writer\n' > %t.miss
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=suppressions=%t.miss %expect-exit 66 %t 2>&1 | FileCheck %s --check-prefix=MISS

#include <pthread.h>

int counter;

static void *racy_writer(void *arg) {
  counter++;
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, racy_writer, 0);
  pthread_create(&b, 0, racy_writer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}

// CHECK-NOT:  WARNING
// CHECK:      weft: matched 1 suppression (pid={{[0-9]+}}):
// CHECK-NEXT:   1 race:^racy_writer$
// CHECK-NOT:  weft: reported
// MISS: WARNING: weft: data race
