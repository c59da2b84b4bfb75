// Installing a handler happens before the handler runs, as under TSan: a
// thread writes `config`, then installs the handler that reads it; main
// raises the signal once it sees (through a relaxed flag, which orders
// nothing) that the handler is there. The handler's read is ordered after
// the write by the sigaction alone. (Before, weft reported a race here.)
// This is sigaction_edge_race.c built with ORDERED.
// TSAN-DIFFERS: TSan 19 reports a race on this hand-off although its sigaction interceptor releases for the handler's run to acquire (here the signal is one the thread raised itself); weft orders the handler after the sigaction
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x4 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 20 --seed 2 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 20 schedules, 0 failed
// CHECK: handler saw 42

#define ORDERED
#include "sigaction_edge_race.c"
