//===- Results.h - The results of weft test, and their writers --*- C++ -*-===//
//
// One model of a `weft test` run (or of several shards joined by `weft
// merge`), and one writer per output format:
//
//   JSON     ResultsJson.cpp  (llvm::json; also read back by weft merge)
//   JUnit    Junit.cpp        (XML; the one XML escaper is there)
//   SARIF    Sarif.cpp        (2.1.0, llvm::json; every report a result)
//   HTML     Html.cpp         (one failed schedule's timeline, with the
//                             trace of its replay: Trace.h)
//
// The writers know nothing of how the runs were made; TestCommand.cpp and
// MergeCommand.cpp fill the model.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_RESULTS_H
#define WEFT_DRIVER_RESULTS_H

#include "Failure.h"
#include "Process.h"
#include "Trace.h"

#include "absl/strings/string_view.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <string>
#include <vector>

namespace llvm {
namespace json {
class OStream;
} // namespace json
} // namespace llvm

namespace weft {
namespace driver {

/// One failed schedule.
struct FailedRun {
  uint64_t Index = 0; // in the whole sequence of seeds
  std::string Seed;
  Failure What;
  ExitStatus Status;
  std::string Output;    // the run's output (reports included)
  std::string Reproduce; // the command that replays it
  double Seconds = 0;
  // A lock-order inversion that a steered schedule turned into a deadlock.
  std::string ConfirmedSeed, ConfirmedReproduce;
  bool HasStatus = true; // false for reports read from a log (weft sarif)
  // It reported, and then ran out of time.
  bool TimedOutAfterReport = false;
};

struct TestResults {
  std::string Seed; // base of the seed sequence, "0x..."
  std::string Strategy;
  /// "K/N" of one shard; for merged results the shards joined, "1,2/2".
  std::string Shard;
  std::string Program; // shell-quoted command line
  uint64_t Schedules = 0;
  double Seconds = 0;
  /// The signal (SIGINT, SIGTERM) that stopped the run early, or "".
  std::string Interrupted;
  std::vector<FailedRun> Failures;
};

/// Failures grouped by (kind, location), in order of first occurrence.
std::vector<std::vector<const FailedRun *>>
groupFailures(const std::vector<FailedRun> &Failures);

/// The writers; each returns false with errno set (or EINVAL) on failure.
/// writeJsonFile serves the JSON ones: \p Body writes the one value into
/// the stream (indented by two), and a newline ends the file.
bool writeJsonFile(const std::string &Path,
                   llvm::function_ref<void(llvm::json::OStream &)> Body);
bool writeResultsJson(const TestResults &R, const std::string &Path);
bool writeJunit(const TestResults &R, const std::string &Path);
/// \p SourceRoot: paths under it are written relative to it (SARIF's
/// %SRCROOT%); empty for the current directory.
bool writeSarif(const TestResults &R, const std::string &Path,
                const std::string &SourceRoot);

/// The timeline of one failed schedule, \p T the trace of a run of its
/// seed (trace_out=): one self-contained HTML file.
bool writeHtmlTimeline(const FailedRun &F, const Trace &T, const std::string &Path);

/// Reads what writeResultsJson wrote; false with \p Error set otherwise.
bool readResultsJson(const std::string &Path, TestResults &R,
                     std::string &Error);

/// S as a JSON string can hold it: invalid UTF-8 (a program's raw output)
/// replaced by U+FFFD.
std::string jsonText(absl::string_view S);

/// S with the markup characters & < > " escaped (for XML and HTML text and
/// attribute values); with \p ReplaceControls, the control characters XML
/// 1.0 forbids even escaped replaced by '?'.
std::string markupEscape(absl::string_view S, bool ReplaceControls);
/// markupEscape for XML: control characters replaced.
std::string xmlEscape(absl::string_view S);

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_RESULTS_H
