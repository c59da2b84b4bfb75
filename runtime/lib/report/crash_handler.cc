//===- crash_handler.cc - Crashes and failed assertions under a schedule --===//
//
// A program that crashes under weft still gets a report with its stack and
// the seed that replays the crash; reports are written with write(2) as they
// are made, so nothing is lost in a buffer when the process dies.
//
//===----------------------------------------------------------------------===//

#include "base/internal_mappings.h"
#include "interceptors/signal_handlers.h"
#include "interceptors/interceptor.h"
#include "base/internal_libc.h"
#include "report/report.h"
#include "core/rtl.h"

#include <csignal>
#include <cstring>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>

using namespace weft;

namespace weft {
namespace {

/// Alternate signal stacks. A thread that overflows its stack has none left
/// to run a crash handler on, so every scheduled thread gets one of these,
/// and the handlers run on it (SA_ONSTACK). Reserved on first use (only
/// the touched pages cost memory) and kept on a free list when a thread
/// exits; only the thread holding the baton takes or gives one back.
constexpr size_t kAltStackBytes = 256 * 1024;
struct AltStack {
  AltStack *NextFree;
};
AltStack *FreeAltStacks;
__thread AltStack *ThreadAltStack __attribute__((tls_model("initial-exec")));

/// The signal whose report is being made, 0 if none. A program can crash
/// by corrupting what a report reads (the dynamic linker's maps, which the
/// first call to a libc function and the symbolizer walk): the report then
/// faults too, and without this the process would die silently.
volatile sig_atomic_t CrashBeingReported;

/// The last words of a run whose crash report faulted: touches nothing but
/// the stack, the seed and raw system calls (no libc, no report machinery;
/// internalStrlen is weft's own).
[[noreturn]] void reportFaultInCrashReport(int Signal, int FirstSignal) {
  char Seed[2 + 16 + 1];
  char *End = Seed + sizeof(Seed) - 1;
  char *P = End;
  *P = '\0';
  uint64_t V = Rt.Seed;
  do {
    *--P = "0123456789abcdef"[V & 15];
    V >>= 4;
  } while (V);
  *--P = 'x';
  *--P = '0';
  const char *Parts[] = {
      "\nweft: a second fault (", fatalSignalName(Signal),
      ") while reporting a crash (", fatalSignalName(FirstSignal),
      "): what the report reads (the dynamic linker's maps, the heap) is "
      "corrupt, so it stops here\nweft: the crash replays with WEFT_SEED=",
      P, "\n"};
  for (const char *Part : Parts)
    rawWriteAll(Rt.LogFd, Part, internalStrlen(Part));
  rawExit(Rt.Opts.crash_exitcode);
}

void onFatalSignal(int Signal, siginfo_t *Info, void *Context) {
  if (int First = CrashBeingReported)
    reportFaultInCrashReport(Signal, First);
  CrashBeingReported = Signal;
  // SA_RESETHAND took this handler off \p Signal: back on, for a fault in
  // the report itself (the fallback above runs once; a third fault kills).
  installCrashHandlers();
  auto *Uc = static_cast<ucontext_t *>(Context);
  uintptr_t Pc = Uc ? uintptr_t(Uc->uc_mcontext.gregs[REG_RIP]) : 0;
  reportCrash(Signal, uintptr_t(Info->si_addr), Pc);
}

} // namespace

void installCrashHandlers() {
  const int Signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
  for (int Sig : Signals) {
    struct sigaction Old;
    if (realSigaction(Sig, nullptr, &Old) == 0 && Old.sa_handler != SIG_DFL)
      continue; // the program (or its environment) handles it already
    struct sigaction Sa;
    internalMemset(&Sa, 0, sizeof(Sa));
    Sa.sa_sigaction = onFatalSignal;
    Sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_RESETHAND | SA_ONSTACK;
    sigemptyset(&Sa.sa_mask);
    realSigaction(Sig, &Sa, nullptr);
  }
}

void useAltStack() {
  AltStack *S = FreeAltStacks;
  if (S) {
    FreeAltStacks = S->NextFree;
  } else {
    // Not the intercepted mmap: this is weft's memory, not the program's.
    long P = mapInternal(kAltStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
    if (P == -1)
      return; // the thread's crashes run on its own stack, as without
    S = reinterpret_cast<AltStack *>(P);
  }
  stack_t Ss;
  Ss.ss_sp = S;
  Ss.ss_size = kAltStackBytes;
  Ss.ss_flags = 0;
  // Raw: weft intercepts sigaltstack (thread_identity_interceptors.cc).
  if (rawSyscall(SYS_sigaltstack, long(&Ss), 0) != 0) {
    S->NextFree = FreeAltStacks;
    FreeAltStacks = S;
    return;
  }
  ThreadAltStack = S;
}

void releaseAltStack() {
  AltStack *S = ThreadAltStack;
  if (!S)
    return;
  // Off first: the stack goes to the next thread, and this one may still
  // take a signal on its way out.
  stack_t Ss;
  internalMemset(&Ss, 0, sizeof(Ss));
  Ss.ss_flags = SS_DISABLE;
  rawSyscall(SYS_sigaltstack, long(&Ss), 0);
  ThreadAltStack = nullptr;
  S->NextFree = FreeAltStacks;
  FreeAltStacks = S;
}

} // namespace weft

WEFT_INTERCEPTOR void __assert_fail(const char *Expr, const char *File,
                                    unsigned Line, const char *Function) {
  if (Rt.Initialized)
    reportAssertion(Expr, File, Line, Function, WEFT_CALLER_PC);
  rawPrint("assertion failed: ");
  rawPrint(Expr);
  rawPrint("\n");
  __builtin_trap();
}
