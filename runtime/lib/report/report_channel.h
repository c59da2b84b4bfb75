//===- report_channel.h - Reports to `weft test`, and how a run ends ------===//
//
// The runtime's side of weft/test_channel.h: each report is also appended
// to the run's report file when `weft test` gave one, and a run that
// exceeded weft test's time limit prints where its threads are. The exit
// interceptors (_exit, _Exit) live here too: like exit(), they end a run
// that reported with `exitcode`.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_REPORT_CHANNEL_H
#define WEFT_RUNTIME_REPORT_CHANNEL_H

#include <cstddef>

namespace weft {

/// In initialize(), after the fork server handed over the run's
/// environment: remembers the report file's path, records that a runtime
/// started and, under `weft test`, installs the handler of the time
/// limit's signal.
void initReportChannel();

/// Appends one report's text to the run's report file, if any: one write
/// with O_APPEND, so reports of several processes never interleave.
void recordReport(const char *Text, size_t Len);
/// Appends a line that is not a report (weft/test_channel.h's markers) the
/// same way.
void recordChannelLine(const char *Text, size_t Len);

/// Around the building of a report (report.cc: header() to emit() or its
/// suppression): the time limit's thread dump waits for the report, which
/// is what the run found, and then runs (the driver's SIGKILL bounds the
/// wait).
void beginReport();
void endReport();

} // namespace weft

#endif
