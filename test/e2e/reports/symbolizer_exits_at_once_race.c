// A symbolizer that exits at once, or hangs up after its first answer, is a
// warning, not a crash: no SIGPIPE kills the program (the second script
// closed its input before answering, so the next query met a closed
// reader), the race is reported with module+offset frames, as when the
// symbolizer cannot be run at all, and the run exits 66.
// RUN: %weft-cc %s -o %t
// RUN: printf '#!/bin/sh\nexit 0\n' > %t.exits
// RUN: printf '#!/bin/sh\nread query\nexec 0<&-\nprintf "??\\n??:0:0\\n\\n"\nexec 1>&-\nexec sleep 30\n' > %t.answers-once
// RUN: chmod +x %t.exits %t.answers-once
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=symbolizer_path=%t.exits %expect-exit 66 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=symbolizer_path=%t.answers-once %expect-exit 66 %t 2>&1 | FileCheck --check-prefix=ONCE %s
// RUN: env WEFT_SEED=1 WEFT_OPTIONS=symbolizer_path=%t.missing %expect-exit 66 %t 2>&1 | FileCheck --check-prefix=MISSING %s
// CHECK: weft: warning: the symbolizer '{{.*}}' stopped answering; stacks show module offsets only
// CHECK-NOT: stopped answering
// CHECK: WARNING: weft: data race
// CHECK: {{Read|Write}} of size 4 at {{.*}} by {{.*}}:
// CHECK-NEXT: #0 <null> <null> ({{.*}}symbolizer_exits_at_once_race.c.tmp+0x{{[0-9a-f]+}})
// CHECK: SUMMARY: weft: data race
// CHECK-NEXT: To reproduce: WEFT_OPTIONS=symbolizer_path={{.*}} WEFT_SEED=0x1
// ONCE: weft: warning: the symbolizer '{{.*}}' stopped answering; stacks show module offsets only
// ONCE: WARNING: weft: data race
// ONCE: #0 <null> <null> ({{.*}}symbolizer_exits_at_once_race.c.tmp+0x{{[0-9a-f]+}})
// ONCE: SUMMARY: weft: data race
// MISSING: weft: warning: cannot run the symbolizer '{{.*}}missing'; stacks show module offsets only
// MISSING: WARNING: weft: data race
// MISSING: #0 <null> <null> ({{.*}}symbolizer_exits_at_once_race.c.tmp+0x{{[0-9a-f]+}})
// MISSING: SUMMARY: weft: data race

#include <pthread.h>

int shared;

static void *worker(void *arg) {
  shared++;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  shared++;
  pthread_join(t, 0);
  return 0;
}
