//===- Failure.h - What kind of failure an execution ended in ---*- C++ -*-===//
//
// `weft test` and `weft minimize` name a failed execution by its exit status
// and the runtime's report header and SUMMARY line: the status says which
// family (66 report, 67 deadlock, 68 crash/assertion/livelock, 69 replay
// divergence), the header tells the members of a family apart, and the
// SUMMARY line gives the location. Failures are grouped by (kind, location).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_FAILURE_H
#define WEFT_DRIVER_FAILURE_H

#include "Process.h"

#include "absl/strings/string_view.h"

#include <string>

namespace weft {
namespace driver {

struct Failure {
  /// "data race", "deadlock", "assertion failed", "crash (SEGV)",
  /// "livelock", "replay divergence", "exit code 3", "signal SIGABRT",
  /// "timeout".
  std::string Kind;
  /// "file.c:12:3 in main" from the SUMMARY line; empty when unknown.
  std::string Location;
};

/// Classifies an execution that did not succeed. \p TimedOut: weft killed it.
/// \p Reports: what the run's processes recorded in its report file
/// (weft/test_channel.h), if it had one. A report there names the failure
/// whatever the exit status (a race in a forked child, a race and then
/// _exit(0) or a hang); the exit status alone names it otherwise.
Failure classifyFailure(const ExitStatus &Status, absl::string_view Output,
                        bool TimedOut, absl::string_view Reports = {});

/// The number of reports in a run's report file (its report headers; the
/// time limit's thread dump is not one).
size_t countReports(absl::string_view Reports);

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_FAILURE_H
