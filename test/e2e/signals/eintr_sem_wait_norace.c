// pthread_kill happens before the handler it runs and before the EINTR
// return of the sem_wait it interrupts: main writes `shared` and then sends
// SIGUSR1 to T1, blocked in sem_wait; T1's read after the EINTR is ordered.
// This is eintr_sem_wait_race.c built with ORDERED.
// TSAN-DIFFERS: TSan has no happens-before edge from pthread_kill to the handler or to the interrupted call's return and reports T1's read racing with main's write, which the signal orders
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=0x7 %t 2>&1 | FileCheck %s --implicit-check-not=WARNING
// RUN: %weft test -n 30 --seed 3 -- %t 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: weft test: 30 schedules, 0 failed
// CHECK: sem_wait=-1 EINTR=1 handler on T1=1
// CHECK-NEXT: shared=42

#define ORDERED
#include "eintr_sem_wait_race.c"
