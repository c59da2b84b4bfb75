// --timeout kills a forked run that runs too long, as it kills an executed
// one: the same runs time out, with the same report (where its threads
// were), and the server goes on with the next schedule.
// RUN: %weft-cc %s -o %t
// RUN: not %weft test -n 6 --seed 1 --keep-going --timeout 0.5 %t > %t.fork
// RUN: not %weft test -n 6 --seed 1 --keep-going --timeout 0.5 --no-fork-server %t > %t.exec
// Where the signal found the spinning loop varies (column, code offset):
// RUN: sh %S/Inputs/normalize_run.sh %t.fork | sed -E 's/:[0-9]+:[0-9]+/:L:C/; s/[+]0x[0-9a-f]+[)]/+OFF)/' > %t.fork.body
// RUN: sh %S/Inputs/normalize_run.sh %t.exec | sed -E 's/:[0-9]+:[0-9]+/:L:C/; s/[+]0x[0-9a-f]+[)]/+OFF)/' > %t.exec.body
// RUN: diff %t.fork.body %t.exec.body
// RUN: FileCheck %s < %t.fork
#include <stdio.h>
#include <stdlib.h>

volatile int Stop;

int main(void) {
  const char *Seed = getenv("WEFT_SEED");
  printf("started with %s\n", Seed);
  fflush(stdout);
  if (strtoull(Seed, 0, 16) % 3 == 0)
    while (!Stop) {
    }
  return 0;
}
// CHECK: weft test: seed 0x1, 6 schedules, 1 at a time
// CHECK-NEXT: started with 0xf893a2eefb32555e
// CHECK-NEXT: ==================
// CHECK-NEXT: WARNING: weft: timeout (pid={{[0-9]+}})
// CHECK:        main thread was running:
// CHECK-NEXT:     #0 main {{.*}}test_fork_server_timeout.c:[[@LINE-9]]:
// CHECK:      SUMMARY: weft: timeout {{.*}}test_fork_server_timeout.c:[[@LINE-10]]:{{[0-9]+}} in main
// CHECK:      weft: failure: timeout with seed 0xf893a2eefb32555e
// CHECK: started with 0x71bb54d8d101b5b9
// CHECK-NEXT: ==================
// CHECK-NEXT: WARNING: weft: timeout (pid={{[0-9]+}})
// CHECK:      weft: failure: timeout with seed 0x71bb54d8d101b5b9
// CHECK: weft test: failures by kind:
// CHECK-NEXT: timeout: 2 (seeds 0xf893a2eefb32555e, 0x71bb54d8d101b5b9)
// CHECK: weft test: 6 schedules, 2 failed
