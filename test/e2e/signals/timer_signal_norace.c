// Arming a timer happens before its handler runs: main writes `config`,
// then arms ITIMER_REAL; the handler that reads it runs on T1 (the only
// thread that does not block SIGALRM) and is ordered after the write. This
// is timer_signal_race.c built with ORDERED.
// TSAN-DIFFERS: TSan has no happens-before edge from setitimer to the handler and reports the handler's read racing with main's write, which the kernel orders (the timer is armed after the write)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x4 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 30 --seed 8 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 30 schedules, 0 failed
// CHECK:      handler on T1: 1, pause=-1 EINTR
// CHECK-NEXT: handler saw 42

#define ORDERED
#include "timer_signal_race.c"
