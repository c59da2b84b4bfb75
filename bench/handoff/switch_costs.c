// switch_costs.c: what each candidate way of switching program threads
// costs on this machine, measured side by side in one run (bench/run prints
// it after the hand-off line; docs/performance.md has the numbers).
//
//   futex ping-pong   two OS threads pinned to one CPU hand a turn back and
//                     forth with FUTEX_WAKE + FUTEX_WAIT: weft's switch=os
//   user switch       the registers and stack of one context for another's,
//                     in user space, without touching the thread pointer
//                     (what a switch costs on top of the thread pointer)
//   + arch_prctl      the same plus arch_prctl(ARCH_SET_FS): weft's
//                     switch=user on a CPU or kernel without FSGSBASE
//   + wrfsbase        the same plus the wrfsbase instruction: switch=user
//                     where AT_HWCAP2 says user space may use FSGSBASE
//   getppid           the cheapest system call, for scale
//
// Each figure is the median of 15 batches of N (argv[1], default 20000)
// switches, in nanoseconds per switch. Plain C, built with clang-19 -O2.
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BATCHES 15
#define HWCAP2_FSGSBASE 2

static long N = 20000;

static double now(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return T.tv_sec + T.tv_nsec * 1e-9;
}

static int cmp(const void *A, const void *B) {
  double X = *(const double *)A, Y = *(const double *)B;
  return X < Y ? -1 : X > Y;
}

static double median(double *S) {
  qsort(S, BATCHES, sizeof(double), cmp);
  return S[BATCHES / 2];
}

// --- user-space context switch: callee-saved registers pushed on the old
// stack, the stack pointer exchanged (the shape of weft's context_switch.S).
void bench_swap(void **Save, void *Load);
__asm__(".text\n"
        ".globl bench_swap\n"
        "bench_swap:\n"
        "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n  pushq %r13\n  pushq %r14\n  pushq %r15\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n  popq %rbx\n  popq %rbp\n"
        "  ret\n");

enum Fs { NoFs, ArchPrctl, WrFsBase };
static void *MainSp, *PeerSp;
static enum Fs Mode;
static unsigned long FsBase;

static void setFs(void) {
  if (Mode == ArchPrctl)
    syscall(SYS_arch_prctl, ARCH_SET_FS, FsBase);
  else if (Mode == WrFsBase)
    __asm__ volatile("wrfsbase %0" ::"r"(FsBase) : "memory");
}

static void peer(void) {
  for (;;) {
    setFs();
    bench_swap(&PeerSp, MainSp);
  }
}

static double userSwitch(enum Fs M) {
  static char Stack[1 << 16] __attribute__((aligned(16)));
  Mode = M;
  __asm__ volatile("movq %%fs:0, %0" : "=r"(FsBase));
  // A fresh stack whose first "return" enters peer() with 6 zero registers.
  void **Top = (void **)(Stack + sizeof(Stack));
  *--Top = 0; // alignment: peer is entered as if called
  *--Top = (void *)peer;
  for (int I = 0; I < 6; ++I)
    *--Top = 0;
  PeerSp = Top;
  double S[BATCHES];
  for (int B = 0; B < BATCHES; ++B) {
    double T0 = now();
    for (long I = 0; I < N; ++I) {
      setFs();
      bench_swap(&MainSp, PeerSp);
    }
    S[B] = (now() - T0) / (2.0 * N) * 1e9; // two switches per iteration
  }
  return median(S);
}

// --- futex hand-off between two OS threads on one CPU.
static uint32_t Turn[2];

static void give(int To) {
  __atomic_store_n(&Turn[To], 1, __ATOMIC_SEQ_CST);
  syscall(SYS_futex, &Turn[To], FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
}

static void take(int Me) {
  while (!__atomic_load_n(&Turn[Me], __ATOMIC_ACQUIRE))
    syscall(SYS_futex, &Turn[Me], FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
  Turn[Me] = 0;
}

static void *futexPeer(void *Arg) {
  (void)Arg;
  for (long I = 0; I < BATCHES * N; ++I) {
    take(1);
    give(0);
  }
  return NULL;
}

static double futexPingPong(void) {
  pthread_t T;
  pthread_create(&T, NULL, futexPeer, NULL);
  double S[BATCHES];
  for (int B = 0; B < BATCHES; ++B) {
    double T0 = now();
    for (long I = 0; I < N; ++I) {
      give(1);
      take(0);
    }
    S[B] = (now() - T0) / (2.0 * N) * 1e9;
  }
  pthread_join(T, NULL);
  return median(S);
}

static double getppidCost(void) {
  double S[BATCHES];
  for (int B = 0; B < BATCHES; ++B) {
    double T0 = now();
    for (long I = 0; I < N; ++I)
      syscall(SYS_getppid);
    S[B] = (now() - T0) / N * 1e9;
  }
  return median(S);
}

int main(int Argc, char **Argv) {
  if (Argc > 1)
    N = strtol(Argv[1], NULL, 10);
  if (N < 1) {
    fprintf(stderr, "switch_costs: the argument must be a positive count\n");
    return 2;
  }
  cpu_set_t C;
  CPU_ZERO(&C);
  CPU_SET(sched_getcpu(), &C);
  sched_setaffinity(0, sizeof(C), &C); // the futex peer inherits it
  int HasFsgsbase = (getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) != 0;
  printf("switch_costs: FSGSBASE in user space: %s\n", HasFsgsbase ? "yes" : "no");
  printf("switch_costs: futex ping-pong      %8.1f ns\n", futexPingPong());
  printf("switch_costs: user switch          %8.1f ns\n", userSwitch(NoFs));
  printf("switch_costs: user + arch_prctl    %8.1f ns\n", userSwitch(ArchPrctl));
  if (HasFsgsbase)
    printf("switch_costs: user + wrfsbase      %8.1f ns\n", userSwitch(WrFsBase));
  else
    printf("switch_costs: user + wrfsbase      unavailable (would raise SIGILL)\n");
  printf("switch_costs: getppid              %8.1f ns\n", getppidCost());
  return 0;
}
