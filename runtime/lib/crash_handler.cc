//===- crash_handler.cc - Crashes and failed assertions under a schedule --===//
//
// A program that crashes under weft still gets a report with its stack and
// the seed that replays the crash; reports are written with write(2) as they
// are made, so nothing is lost in a buffer when the process dies.
//
//===----------------------------------------------------------------------===//

#include "interceptor.h"
#include "base/internal_libc.h"
#include "report.h"
#include "rtl.h"

#include <csignal>
#include <cstring>
#include <ucontext.h>

using namespace weft;

namespace weft {
namespace {

void onFatalSignal(int Signal, siginfo_t *Info, void *Context) {
  auto *Uc = static_cast<ucontext_t *>(Context);
  uintptr_t Pc = Uc ? uintptr_t(Uc->uc_mcontext.gregs[REG_RIP]) : 0;
  reportCrash(Signal, uintptr_t(Info->si_addr), Pc);
}

} // namespace

void installCrashHandlers() {
  const int Signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
  for (int Sig : Signals) {
    struct sigaction Old;
    if (sigaction(Sig, nullptr, &Old) == 0 && Old.sa_handler != SIG_DFL)
      continue; // the program (or its environment) handles it already
    struct sigaction Sa;
    internalMemset(&Sa, 0, sizeof(Sa));
    Sa.sa_sigaction = onFatalSignal;
    Sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_RESETHAND;
    sigemptyset(&Sa.sa_mask);
    sigaction(Sig, &Sa, nullptr);
  }
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
