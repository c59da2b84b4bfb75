// What the OS-thread design gave for free stays exact when threads switch in
// user space (thread_switch=user): each thread's TLS, errno, pthread_self and
// kernel thread id are its own across every switch, whichever OS thread runs
// it, and the same as with thread_switch=os.
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 30 --seed 1 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user WEFT_SEED=0x7 %t | FileCheck %s --check-prefix=USER
// RUN: env WEFT_OPTIONS=thread_switch=os WEFT_SEED=0x7 %t | FileCheck %s --check-prefix=OS
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 30 schedules, 0 failed
// A raw gettid system call (which no interceptor sees) names the OS thread
// that runs the thread: with the user switch, sometimes another one.
// USER: ok 4 threads, ran on another OS thread: yes
// OS: ok 4 threads, ran on another OS thread: no

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 4
static __thread int Tls = -1;
static __thread char TlsBlock[256];
static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t Handles[THREADS];
static pid_t Tids[THREADS];
static int Shared;
static int Floated; // under Lock

static long rawGettid(void) {
  long R;
  __asm__ volatile("syscall" : "=a"(R) : "0"((long)SYS_gettid) : "rcx", "r11", "memory");
  return R;
}

static int check(int Me, pid_t Tid, int *Addr) {
  if (Tls != Me || errno != 1000 + Me || &Tls != Addr || TlsBlock[255] != (char)Me)
    return 1;
  if (gettid() != Tid || syscall(SYS_gettid) != Tid)
    return 2;
  if (!pthread_equal(pthread_self(), Handles[Me]))
    return 3;
  return 0;
}

static void *worker(void *Arg) {
  int Me = (int)(long)Arg;
  Tls = Me;
  TlsBlock[255] = (char)Me;
  errno = 1000 + Me;
  pid_t Tid = gettid();
  int *Addr = &Tls;
  for (int I = 0; I < 50; ++I) {
    pthread_mutex_lock(&Lock); // scheduling points: switches
    ++Shared;
    if (rawGettid() != Tid)
      Floated = 1;
    pthread_mutex_unlock(&Lock);
    sched_yield();
    int Bad = check(Me, Tid, Addr);
    if (Bad)
      return (void *)(long)Bad;
  }
  pthread_mutex_lock(&Lock);
  Tids[Me] = Tid;
  pthread_mutex_unlock(&Lock);
  return 0;
}

int main(void) {
  pthread_mutex_lock(&Lock); // Handles[] is complete before workers check it
  for (long I = 0; I < THREADS; ++I)
    pthread_create(&Handles[I], 0, worker, (void *)I);
  pthread_mutex_unlock(&Lock);
  int Failed = 0;
  for (int I = 0; I < THREADS; ++I) {
    void *R;
    pthread_join(Handles[I], &R);
    if (R) {
      printf("thread %d: check %ld failed\n", I, (long)R);
      Failed = 1;
    }
  }
  for (int I = 0; I < THREADS; ++I)
    for (int J = 0; J < I; ++J)
      if (Tids[I] == Tids[J] || Tids[I] == getpid())
        Failed = 1;
  if (Failed || Shared != THREADS * 50 || gettid() != getpid())
    return 1;
  printf("ok %d threads, ran on another OS thread: %s\n", THREADS, Floated ? "yes" : "no");
  return 0;
}
