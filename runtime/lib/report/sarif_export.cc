//===- sarif_export.cc - WEFT_OPTIONS=sarif_path=FILE ---------------------===//
//
// See sarif_export.h.
//
//===----------------------------------------------------------------------===//

#include "report/sarif_export.h"

#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "core/rtl.h"
#include "core/text_buffer.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace weft {
namespace sarif_export {

namespace {

int ReportsFd = -1;   // every report so far (a memfd)
bool Disabled = false; // after an error, said once

const char *sarifPath() {
  const char *P = Rt.Opts.sarif_path;
  return P && *P ? P : nullptr;
}

void fail(const char *What, const char *Detail) {
  rawPrint("weft: error: sarif_path: ");
  rawPrint(What);
  rawPrint(Detail);
  rawPrint("\n");
  Disabled = true;
}

/// $WEFT_DRIVER, or the first executable `weft` in PATH, into \p Out.
bool findDriver(TextBuffer &Out) {
  if (const char *D = getenv("WEFT_DRIVER"); D && *D) {
    Out << D;
    return true;
  }
  const char *Path = getenv("PATH");
  while (Path && *Path) {
    const char *Colon = internalStrchr(Path, ':');
    size_t Len = Colon ? size_t(Colon - Path) : internalStrlen(Path);
    TextBuffer Candidate;
    Candidate.append(Path, Len);
    Candidate << "/weft";
    if (Len && rawSyscall(SYS_access, long(Candidate.str()), X_OK) == 0) {
      Out << Candidate.str();
      return true;
    }
    Path = Colon ? Colon + 1 : nullptr;
  }
  return false;
}

} // namespace

void init() {
  if (const char *P = sarifPath())
    rawSyscall(SYS_unlink, long(P));
}

void reportPrinted(const char *Text, size_t Size) {
  const char *Out = sarifPath();
  if (!Out || Disabled)
    return;
  if (ReportsFd < 0) {
    ReportsFd = int(rawSyscall(SYS_memfd_create, long("weft-reports"),
                               MFD_CLOEXEC));
    if (ReportsFd < 0)
      return fail("cannot keep the reports", "");
  }
  rawWriteAll(ReportsFd, Text, Size);
  TextBuffer Driver;
  if (!findDriver(Driver))
    return fail("cannot find the weft command to write ",
                "SARIF (set WEFT_DRIVER or put weft on PATH)");
  const char *Argv[] = {Driver.str(), "sarif", "-o", Out, "-", nullptr};
  long Pid = rawSyscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
  if (Pid == 0) {
    // The child: only raw system calls until execve.
    rawSyscall(SYS_dup2, ReportsFd, 0);
    rawSyscall(SYS_lseek, 0, 0, SEEK_SET);
    rawSyscall(SYS_execve, long(Argv[0]), long(Argv), long(environ));
    rawPrint("weft: error: sarif_path: cannot execute ");
    rawPrint(Argv[0]);
    rawPrint("\n");
    rawExit(127);
  }
  if (Pid < 0)
    return fail("cannot start the weft command", "");
  int Status = 0;
  while (rawSyscall(SYS_wait4, Pid, long(&Status), 0, 0) == -EINTR) {
  }
  rawSyscall(SYS_lseek, ReportsFd, 0, SEEK_END);
  if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0)
    fail("the weft command could not write ", Out);
}

} // namespace sarif_export
} // namespace weft
