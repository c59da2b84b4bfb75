// A crash report shows every thread, not only the crashing one: the state
// of each other live thread (what it waits on and who holds it), the
// mutexes each holds (TSan's "(mutexes: write M0)", with where each was
// acquired) and the stack it is at. T3 crashes holding `n`; main holds `m`
// and waits to join T3; T1 waits for `m`; T2 waits on an empty semaphore.
// (T3 sleeps first: in virtual time that lets the others reach their waits.)
// RUN: %weft-cc %s -o %t
// RUN: env WEFT_SEED=7 %expect-exit 68 %t 2>&1 | FileCheck %s
// RUN: env WEFT_SEED=8 %expect-exit 68 %t 2>&1 | FileCheck %s
// CHECK:      WARNING: weft: crash (SEGV) (pid={{[0-9]+}})
// CHECK-NEXT:   Signal SEGV on address 0x0 in thread T3 (mutexes: write M0):
// CHECK-NEXT:     #0 crasher {{.*}}crash_report_every_thread.c:[[@LINE+39]]
// CHECK-EMPTY:
// CHECK-NEXT:   Main thread (mutexes: write M1) is waiting to join thread T3:
// CHECK-NEXT:     #0 main {{.*}}crash_report_every_thread.c:[[@LINE+48]]
// CHECK:        Thread T1 is waiting to lock mutex 0x[[M:[0-9a-f]+]] held by main thread:
// CHECK-NEXT:     #0 locker {{.*}}crash_report_every_thread.c:[[@LINE+21]]
// CHECK:        Thread T2 is waiting on semaphore 0x{{[0-9a-f]+}} (value 0):
// CHECK-NEXT:     #0 waiter {{.*}}crash_report_every_thread.c:[[@LINE+25]]
// CHECK:        Mutex M0 (0x{{[0-9a-f]+}}) acquired by thread T3 at:
// CHECK-NEXT:     #0 crasher {{.*}}crash_report_every_thread.c:[[@LINE+29]]
// CHECK:        Mutex M1 (0x[[M]]) acquired by main thread at:
// CHECK-NEXT:     #0 main {{.*}}crash_report_every_thread.c:[[@LINE+36]]
// CHECK:      SUMMARY: weft: crash (SEGV) {{.*}}crash_report_every_thread.c:{{[0-9]+}}:{{[0-9]+}} in crasher
// CHECK-NEXT: To reproduce: WEFT_SEED=0x{{7|8}}

#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t n = PTHREAD_MUTEX_INITIALIZER;
sem_t never;
int *volatile target = NULL;

static void *locker(void *arg) {
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}

static void *waiter(void *arg) {
  sem_wait(&never);
  return 0;
}

static void *crasher(void *arg) {
  usleep(1000);
  pthread_mutex_lock(&n);
  *target = 1;
  pthread_mutex_unlock(&n);
  return 0;
}

int main(void) {
  sem_init(&never, 0, 0);
  pthread_t t1, t2, t3;
  pthread_mutex_lock(&m);
  pthread_create(&t1, 0, locker, 0);
  pthread_create(&t2, 0, waiter, 0);
  pthread_create(&t3, 0, crasher, 0);
  pthread_join(t3, 0);
  pthread_mutex_unlock(&m);
  return 0;
}
