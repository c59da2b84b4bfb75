//===- test_channel.h - What `weft test` and a run say besides output -----===//
//
// A run's exit status is not enough for `weft test` to know whether it
// found something: a report in a forked child, or one followed by the
// program's own _exit(0) or by a hang, leaves no trace in it. So `weft
// test` gives every run a file of its own (kReportChannelEnv holds its
// path) and every weft runtime in the run's processes (the program, its
// forked children, weft programs it executes, which inherit the variable)
// appends the full text of each report it prints, with one O_APPEND write,
// whatever its output or log_path. The driver counts the reports in it
// after the run ("WARNING: weft: " headers) and the run fails if there is
// any, whatever its exit status. Each runtime also appends kStartMarker
// when it starts.
//
// kDumpSignal is how the driver asks a run that exceeded its time limit
// where its threads are: the runtime installs a handler for it only when
// kReportChannelEnv is set (and the program has not taken the signal), and
// the handler prints every thread's state and stack, then exits. The
// driver kills the run (SIGKILL) if it has not ended a moment later.
//
// Included by the driver and the runtime, so that nothing is spelled twice.
// It must never grow anything but plain data.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_TEST_CHANNEL_H
#define WEFT_TEST_CHANNEL_H

#include <signal.h>

namespace weft {
namespace test_channel {

/// The path of the run's report file, set by `weft test` in each run's
/// environment. The runtime opens it for each report without O_CREAT: a
/// file the driver did not make is never written.
constexpr const char *kReportChannelEnv = "WEFT_REPORT_CHANNEL";

/// The line each weft runtime appends when it starts in the run: a program
/// weft test could not judge before running it (a script) must start one
/// in its first schedule.
constexpr const char *kStartMarker = "weft: runtime started\n";

/// The marker that starts each report in the file (and in the output).
constexpr const char *kReportMarker = "WARNING: weft: ";

/// The line a run appends when a race involved access sites that were not
/// race-directed scheduling points yet, followed by those sites
/// (module+0xoffset, blank-separated): weft test gives later runs the
/// sites it learned (racy_sites=, docs/scheduling.md). Not a report.
constexpr const char *kRacySitesMarker = "weft: racy sites: ";

/// The header of the report a timed-out run prints (its threads' state):
/// not a finding of the run, so the driver does not count it.
constexpr const char *kTimeoutKind = "timeout";

/// Asks a timed-out run for its threads' state (a real-time signal: no
/// core dump where no handler is installed, and programs rarely use it).
inline int dumpSignal() { return SIGRTMAX; }

} // namespace test_channel
} // namespace weft

#endif // WEFT_TEST_CHANNEL_H
