//===- Process.h - Spawning, waiting for and exec'ing programs --*- C++ -*-===//
//
// The driver starts three kinds of processes: clang (exec'd in place for
// `weft cc`, or waited for by `weft run`), the user's program with the
// terminal (`weft run`, `weft replay`), and many copies of the program whose
// output is captured (`weft test`). This file holds the POSIX plumbing they
// share: fork+exec with exec errors reported back to the parent, exit
// statuses as values, signal names, and shell quoting for the lines weft
// prints for a user to paste.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_PROCESS_H
#define WEFT_DRIVER_PROCESS_H

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace weft {
namespace driver {

/// How a child process ended.
struct ExitStatus {
  bool Signaled = false;
  /// The exit code, or the signal number when Signaled.
  int Value = 0;

  static ExitStatus fromWaitStatus(int WaitStatus);
  bool success() const { return !Signaled && Value == 0; }
  /// The status a shell reports for it: the exit code, or 128 + signal.
  int shellCode() const { return Signaled ? 128 + Value : Value; }
};

/// "SIGSEGV" for SIGSEGV; "signal 42" for a number without a name.
std::string signalName(int Signal);

/// The environment of this process with the given variables set (replaced if
/// present), as "NAME=value" strings.
std::vector<std::string>
environmentWith(absl::Span<const std::pair<std::string, std::string>> Set);

struct SpawnOptions {
  /// The child's environment; this process's environment when null.
  const std::vector<std::string> *Environment = nullptr;
  /// If >= 0, the child's stdout and stderr both go to this descriptor.
  int OutputFd = -1;
  /// Give the child /dev/null as stdin instead of ours.
  bool NullStdin = false;
  /// If >= 0, this close-on-exec descriptor stays open in the program (a
  /// fork server's end of its channel).
  int InheritFd = -1;
  /// Start the child in a process group of its own, so that the terminal's
  /// Ctrl-C reaches only the parent (which stops it), and have it killed
  /// (SIGKILL) if the parent dies (`weft test`'s runs).
  bool OwnProcessGroup = false;
};

/// Starts Argv[0] (searched in PATH when it has no '/') with Argv. Fails,
/// with errno's message, if the program cannot be executed.
absl::StatusOr<pid_t> spawnProcess(absl::Span<const std::string> Argv,
                                   const SpawnOptions &Options = {});

/// Waits for a child started by spawnProcess.
ExitStatus waitProcess(pid_t Pid);

/// As waitProcess, but for at most \p TimeoutSeconds (no limit if <= 0):
/// then the child is killed (SIGKILL), waited for, and \p TimedOut set.
ExitStatus waitProcessFor(pid_t Pid, double TimeoutSeconds, bool &TimedOut);

/// Everything in the file behind \p Fd, from its start (a captured run's
/// output in a memfd).
std::string readAll(int Fd);

/// Replaces this process by Argv[0] (searched in PATH) with Argv; returns
/// only on failure, with errno set.
void execProcess(absl::Span<const std::string> Argv);

/// The exit code a shell uses when a command cannot be executed: 127 when it
/// was not found, 126 otherwise.
int execFailureExitCode(int Errno);

/// Quotes Word for a POSIX shell; words that need no quoting stay as they are.
std::string shellQuote(absl::string_view Word);
/// Quotes and joins Words with spaces.
std::string shellJoin(absl::Span<const std::string> Words);

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_PROCESS_H
