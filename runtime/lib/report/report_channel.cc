//===- report_channel.cc - Reports to `weft test`, and how a run ends -----===//
//
// The file is opened for each report and closed after it, never kept open:
// a program that closes every descriptor (a daemon, a test of fd leaks)
// must neither lose the channel nor find a descriptor of weft's among its
// own. Reports are rare, so the cost does not matter; the calls are raw
// system calls, so a crash report in a signal handler can record too.
//
//===----------------------------------------------------------------------===//

#include "interceptors/signal_handlers.h"
#include "report/report_channel.h"

#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "interceptors/interceptor.h"
#include "report/report.h"
#include "core/rtl.h"

#include "weft/test_channel.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <sys/syscall.h>
#include <ucontext.h>

using namespace weft;

namespace weft {
namespace {

// A copy of the path (the program may change its environment); empty when
// not under weft test.
char ChannelPath[4096];

// A report is being built (a thread dump now would cut it off, and with it
// what the run found), and the dump was asked for meanwhile.
volatile sig_atomic_t InReport, DumpWanted;

void onDumpSignal(int, siginfo_t *, void *Context) {
  if (InReport) {
    DumpWanted = 1;
    return;
  }
  auto *Uc = static_cast<ucontext_t *>(Context);
  reportTimeout(Uc ? uintptr_t(Uc->uc_mcontext.gregs[REG_RIP]) : 0);
}

} // namespace

void initReportChannel() {
  const char *Path = getenv(test_channel::kReportChannelEnv);
  size_t Len = Path ? internalStrlen(Path) : 0;
  if (Len == 0 || Len >= sizeof(ChannelPath)) {
    ChannelPath[0] = 0;
    return;
  }
  internalMemcpy(ChannelPath, Path, Len + 1);
  recordReport(test_channel::kStartMarker, internalStrlen(test_channel::kStartMarker));
  // The program's own handler, or one inherited as ignored, wins.
  struct sigaction Old;
  if (realSigaction(test_channel::dumpSignal(), nullptr, &Old) != 0 ||
      Old.sa_handler != SIG_DFL)
    return;
  struct sigaction Sa;
  internalMemset(&Sa, 0, sizeof(Sa));
  Sa.sa_sigaction = onDumpSignal;
  Sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
  sigfillset(&Sa.sa_mask); // one dump, undisturbed
  realSigaction(test_channel::dumpSignal(), &Sa, nullptr);
}

void beginReport() { InReport = 1; }

void endReport() {
  InReport = 0;
  if (DumpWanted)
    reportTimeout(0);
}

void recordReport(const char *Text, size_t Len) { recordChannelLine(Text, Len); }

void recordChannelLine(const char *Text, size_t Len) {
  if (!ChannelPath[0])
    return;
  int Saved = errno;
  int Fd = static_cast<int>(
      rawSyscall(SYS_open, long(ChannelPath), O_WRONLY | O_APPEND | O_CLOEXEC));
  if (Fd >= 0) {
    rawWriteAll(Fd, Text, Len);
    rawSyscall(SYS_close, Fd);
  }
  errno = Saved;
}

} // namespace weft

namespace {

/// _exit and _Exit skip atexit handlers, so weft's closing summary and
/// exit status too: a program that reported and then left with _exit(0)
/// would pass. As ThreadSanitizer does, a run that reported exits with
/// `exitcode` (and says how many warnings) whatever status it asked for.
/// A vfork child shares the parent's memory, reports and all, but not its
/// pid: its _exit (after a failed exec, say) keeps its status.
[[noreturn]] void exitAfterReports(int Status) {
  if (Rt.Initialized && Rt.Pid == rawGetpid()) {
    finishSchedule(/*NormalExit=*/false);
    int Reported = finalReportStatus();
    if (Reported >= 0)
      Status = Reported;
  }
  rawExit(Status);
}

} // namespace

WEFT_INTERCEPTOR void _exit(int Status) { exitAfterReports(Status); }
WEFT_INTERCEPTOR void _Exit(int Status) { exitAfterReports(Status); }
