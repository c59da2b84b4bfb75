//===- Failure.cpp - What kind of failure an execution ended in -----------===//

#include "Failure.h"

#include "ExitCodes.h"

#include "weft/test_channel.h"

#include "absl/strings/str_cat.h"

namespace weft {
namespace driver {

namespace {

/// The text between "WARNING: weft: " and " (pid=" of the first report, or
/// of the last one with \p Last (the report that ended the run).
std::string reportHeader(absl::string_view Output, bool Last) {
  constexpr absl::string_view Marker = "WARNING: weft: ";
  size_t At = Last ? Output.rfind(Marker) : Output.find(Marker);
  if (At == absl::string_view::npos)
    return "";
  absl::string_view Rest = Output.substr(At + Marker.size());
  size_t End = Rest.find(" (pid=");
  size_t Eol = Rest.find('\n');
  if (End == absl::string_view::npos || (Eol != absl::string_view::npos && Eol < End))
    End = Eol;
  return std::string(Rest.substr(0, End));
}

/// "file:line:col in function" from the first SUMMARY line, or the last one
/// with \p Last.
std::string summaryLocation(absl::string_view Output, bool Last) {
  constexpr absl::string_view Marker = "SUMMARY: weft: ";
  size_t At = Last ? Output.rfind(Marker) : Output.find(Marker);
  if (At == absl::string_view::npos)
    return "";
  absl::string_view Line = Output.substr(At + Marker.size());
  Line = Line.substr(0, Line.find('\n'));
  size_t In = Line.rfind(" in ");
  if (In == absl::string_view::npos)
    return "";
  size_t Space = Line.substr(0, In).rfind(' ');
  if (Space == absl::string_view::npos)
    return "";
  return std::string(Line.substr(Space + 1));
}

} // namespace

size_t countReports(absl::string_view Reports) {
  const std::string Marker = test_channel::kReportMarker;
  const std::string Timeout = Marker + test_channel::kTimeoutKind + " (";
  size_t Count = 0;
  for (size_t At = Reports.find(Marker); At != absl::string_view::npos;
       At = Reports.find(Marker, At + 1))
    Count += Reports.substr(At, Timeout.size()) != Timeout;
  return Count;
}

Failure classifyFailure(const ExitStatus &Status, absl::string_view Output,
                        bool TimedOut, absl::string_view Reports) {
  Failure F;
  bool WeftStatus = !Status.Signaled && !TimedOut &&
                    (Status.Value == ExitDataRace || Status.Value == ExitDeadlock ||
                     Status.Value == ExitCrash || Status.Value == ExitDiverged);
  if (!WeftStatus && countReports(Reports) > 0) {
    // The run reported, and then its status said something else (or
    // nothing): the first report is the finding.
    F.Kind = reportHeader(Reports, /*Last=*/false);
    F.Location = summaryLocation(Reports, /*Last=*/false);
    if (F.Kind.empty())
      F.Kind = "report";
    return F;
  }
  if (countReports(Reports) > 0)
    Output = Reports; // the reports alone, without the program's output
  if (TimedOut) {
    F.Kind = "timeout";
    return F;
  }
  if (Status.Signaled) {
    F.Kind = absl::StrCat("signal ", signalName(Status.Value));
    return F;
  }
  // A deadlock or a crash ends the run at once: it is the last report (an
  // earlier lock-order inversion, say, only led up to it). Races are counted
  // at exit: the first one names the failure.
  bool Fatal = Status.Value == ExitDeadlock || Status.Value == ExitCrash;
  std::string Header = reportHeader(Output, Fatal);
  F.Location = summaryLocation(Output, Fatal);
  switch (Status.Value) {
  case ExitDataRace:
    F.Kind = Header.empty() ? "data race" : Header;
    break;
  case ExitDeadlock:
    F.Kind = "deadlock";
    break;
  case ExitCrash:
    if (Header.rfind("step limit", 0) == 0)
      F.Kind = "livelock";
    else
      F.Kind = Header.empty() ? "crash" : Header;
    break;
  case ExitDiverged:
    F.Kind = "replay divergence";
    F.Location.clear();
    break;
  case ExitRuntimeFailure:
    F.Kind = "weft runtime failure";
    F.Location.clear();
    break;
  default:
    F.Kind = absl::StrCat("exit code ", Status.Value);
    F.Location.clear();
    break;
  }
  return F;
}

} // namespace driver
} // namespace weft
