// fork() from a created thread, after it switched many times: the child's
// one thread is the caller, with its TLS and errno, its kernel thread id is
// the child's pid, and it can create and join threads of its own.
// RUN: %weft-cc -O1 %s -o %t
// RUN: env WEFT_OPTIONS=thread_switch=os %weft test -n 10 --seed 4 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user %weft test -n 10 --seed 4 -- %t 2>&1 | FileCheck %s
// RUN: env WEFT_OPTIONS=thread_switch=user WEFT_SEED=0x9 %t | FileCheck %s --check-prefix=OUT
// CHECK-NOT: WARNING: weft
// CHECK: weft test: 10 schedules, 0 failed
// OUT: child ok
// OUT: parent ok

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static __thread int Tls;
static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static int Counter;

static void *grandchild(void *Arg) {
  pthread_mutex_lock(&Lock);
  Counter += (int)(long)Arg;
  pthread_mutex_unlock(&Lock);
  return 0;
}

static void *spinner(void *Arg) {
  (void)Arg;
  for (int I = 0; I < 20; ++I) {
    pthread_mutex_lock(&Lock);
    ++Counter;
    pthread_mutex_unlock(&Lock);
  }
  return 0;
}

static void *forker(void *Arg) {
  (void)Arg;
  Tls = 42;
  for (int I = 0; I < 10; ++I)
    sched_yield();
  errno = 77;
  pid_t Pid = fork();
  if (Pid == 0) {
    int Ok = Tls == 42 && errno == 77 && gettid() == getpid() &&
             syscall(SYS_gettid) == getpid();
    pthread_t T[2];
    Counter = 0;
    for (long I = 0; I < 2; ++I)
      pthread_create(&T[I], 0, grandchild, (void *)(I + 1));
    for (int I = 0; I < 2; ++I)
      pthread_join(T[I], 0);
    Ok = Ok && Counter == 3;
    printf("child %s\n", Ok ? "ok" : "FAILED");
    fflush(stdout);
    _exit(Ok ? 0 : 1);
  }
  int Status = 0;
  waitpid(Pid, &Status, 0);
  return (void *)(long)!(WIFEXITED(Status) && WEXITSTATUS(Status) == 0);
}

int main(void) {
  pthread_t F, S;
  pthread_create(&S, 0, spinner, 0);
  pthread_create(&F, 0, forker, 0);
  void *R;
  pthread_join(F, &R);
  pthread_join(S, 0);
  printf("parent %s\n", R ? "FAILED" : "ok");
  return R != 0;
}
