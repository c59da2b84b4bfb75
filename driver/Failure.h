//===- Failure.h - What kind of failure an execution ended in ---*- C++ -*-===//
//
// `weft test` and `weft minimize` name a failed execution by its exit status
// and the runtime's report header and SUMMARY line: the status says which
// family (66 report, 67 deadlock, 68 crash/assertion/livelock, 69 replay
// divergence), the header tells the members of a family apart, and the
// SUMMARY line gives the location. Failures are grouped by (kind, location).
//
// The machine-readable outputs (SARIF, the HTML timeline) need more than the
// kind: parseReports() reads every report in a run's output back into
// frames and stacks. The runtime's text report is the record: its layout is
// golden-tested (docs/usage.md, "Report anatomy"), so reading it is reading
// a stable format, and there is no second format for the runtime to keep in
// step.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_FAILURE_H
#define WEFT_DRIVER_FAILURE_H

#include "Process.h"

#include "absl/strings/string_view.h"

#include <string>
#include <vector>

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

/// One frame of a report's stack: `#N function file:line:col (module+0xoff)`.
struct ReportFrame {
  std::string Function;
  std::string File; // empty for `<null>`
  unsigned Line = 0, Column = 0;
  std::string Module; // "counter+0x584d"
};

/// A titled stack of a report: "Write of size 8 at 0x... by thread T1",
/// "Previous write ...", "Thread T1 (running) created by main thread at".
struct ReportStack {
  std::string Title; // without the trailing ':'
  std::vector<ReportFrame> Frames;
};

/// One report, as the runtime printed it.
struct Report {
  /// The header's kind: "data race", "lock-order-inversion (potential
  /// deadlock)", "crash (SEGV) ...".
  std::string Kind;
  /// The SUMMARY line's frame (File empty when it names a module only).
  ReportFrame Summary;
  /// Every stack, in the order printed.
  std::vector<ReportStack> Stacks;
  /// Lines of the report that are neither stacks nor frames ("Location is
  /// global 'counter' of size 8 ...", "Mutex M0 ...").
  std::vector<std::string> Notes;
  /// The command after "To reproduce: ".
  std::string Reproduce;
  /// The report's text, from its first rule line to its last.
  std::string Text;
};

/// Every report in \p Output, in order.
std::vector<Report> parseReports(absl::string_view Output);

/// The rule id of a report kind for SARIF and JUnit: the kind before any
/// parenthesis, in lower case, words joined by '-' ("data-race",
/// "lock-order-inversion", "crash", "exit-code").
std::string ruleIdOf(absl::string_view Kind);

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
