// A semaphore nobody posts: the waiting threads block in the scheduler and
// the run ends with a deadlock report that says what each thread waits for.
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=1 %expect-exit 67 %t 2>&1 | FileCheck %s --match-full-lines
// TSAN-DIFFERS: A real deadlock: under TSan the program hangs until killed; weft detects it and reports it (exit 67).

#include <pthread.h>
#include <semaphore.h>

static sem_t never;

static void *waiter(void *arg) {
  sem_wait(&never);
  return 0;
}

int main(void) {
  pthread_t t;
  sem_init(&never, 0, 0);
  pthread_create(&t, 0, waiter, 0);
  pthread_join(t, 0);
  return 0;
}

// CHECK:      ==================
// CHECK-NEXT: WARNING: weft: deadlock (pid={{[0-9]+}})
// CHECK-NEXT:   Every thread is blocked.
// CHECK-EMPTY:
// CHECK-NEXT:   Main thread is waiting to join thread T1:
// CHECK-NEXT:     #0 main {{.*}}sem_deadlock.c:21:3 ({{.*}})
// CHECK:        Thread T1 is waiting on semaphore 0x{{[0-9a-f]+}} (value 0):
// CHECK-NEXT:     #0 waiter {{.*}}sem_deadlock.c:13:3 ({{.*}})
// CHECK:      SUMMARY: weft: deadlock {{.*}}sem_deadlock.c:21:3 in main
// CHECK-NEXT: To reproduce: WEFT_SEED=0x1 {{.*}}
// CHECK-NEXT: ==================
