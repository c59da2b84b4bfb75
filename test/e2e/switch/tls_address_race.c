// A thread hands the address of its thread-local counter to another thread,
// and both write it without synchronization: a race on that thread's TLS,
// reported in both thread_switch modes, with the same schedule and the same
// report for the same seed (only the pid differs). Twin: tls_address_norace.c.
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os:schedule_out=%t.os.sched WEFT_SEED=0x2a %expect-exit 66 %t > %t.os 2>&1
// RUN: env WEFT_OPTIONS=thread_switch=user:schedule_out=%t.user.sched WEFT_SEED=0x2a %expect-exit 66 %t > %t.user 2>&1
// RUN: FileCheck %s < %t.user
// RUN: diff %t.os.sched %t.user.sched
// RUN: sed -e 's/pid=[0-9]*/pid=P/' -e 's/ 0x[0-9a-f]*/ 0xADDR/g' -e 's/thread_switch=[a-z]*://' -e 's/tmp[.][a-z]*[.]sched/tmp.sched/' %t.os > %t.os.cmp
// RUN: sed -e 's/pid=[0-9]*/pid=P/' -e 's/ 0x[0-9a-f]*/ 0xADDR/g' -e 's/thread_switch=[a-z]*://' -e 's/tmp[.][a-z]*[.]sched/tmp.sched/' %t.user > %t.user.cmp
// RUN: diff %t.os.cmp %t.user.cmp
// CHECK: WARNING: weft: data race
// CHECK: by thread T{{[12]}}:
// CHECK-NEXT: #0 {{owner .*tls_address_race.c:40|borrower .*tls_address_race.c:52}}
// CHECK: Previous {{.*}} by thread T{{[12]}}:
// CHECK-NEXT: #0 {{owner .*tls_address_race.c:40|borrower .*tls_address_race.c:52}}

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

static __thread long Counter;
static long *_Atomic Published;
static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static int Noise;

static void noise(void) {
  pthread_mutex_lock(&Lock);
  ++Noise;
  pthread_mutex_unlock(&Lock);
}

static void *owner(void *Arg) {
  (void)Arg;
  atomic_store(&Published, &Counter);
  for (int I = 0; I < 50; ++I) {
    sched_yield(); // a scheduling point, not synchronization
    Counter += 1;
  }
  return 0;
}

static void *borrower(void *Arg) {
  (void)Arg;
  long *P;
  while (!(P = atomic_load(&Published)))
    noise();
  for (int I = 0; I < 50; ++I) {
    sched_yield();
    *P += 1;
  }
  return 0;
}

int main(void) {
  pthread_t A, B;
  pthread_create(&A, 0, owner, 0);
  pthread_create(&B, 0, borrower, 0);
  pthread_join(B, 0);
  pthread_join(A, 0);
  printf("done\n");
  return 0;
}
