//===- Failure.cpp - What kind of failure an execution ended in -----------===//

#include "Failure.h"

#include "ExitCodes.h"

#include "absl/strings/str_cat.h"

namespace weft {
namespace driver {

namespace {

/// The text between "WARNING: weft: " and " (pid=" of the first report.
std::string reportHeader(absl::string_view Output) {
  constexpr absl::string_view Marker = "WARNING: weft: ";
  size_t At = Output.find(Marker);
  if (At == absl::string_view::npos)
    return "";
  absl::string_view Rest = Output.substr(At + Marker.size());
  size_t End = Rest.find(" (pid=");
  size_t Eol = Rest.find('\n');
  if (End == absl::string_view::npos || (Eol != absl::string_view::npos && Eol < End))
    End = Eol;
  return std::string(Rest.substr(0, End));
}

/// "file:line:col in function" from the first SUMMARY line.
std::string summaryLocation(absl::string_view Output) {
  constexpr absl::string_view Marker = "SUMMARY: weft: ";
  size_t At = Output.find(Marker);
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

Failure classifyFailure(const ExitStatus &Status, absl::string_view Output,
                        bool TimedOut) {
  Failure F;
  if (TimedOut) {
    F.Kind = "timeout";
    return F;
  }
  if (Status.Signaled) {
    F.Kind = absl::StrCat("signal ", signalName(Status.Value));
    return F;
  }
  std::string Header = reportHeader(Output);
  F.Location = summaryLocation(Output);
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
  default:
    F.Kind = absl::StrCat("exit code ", Status.Value);
    F.Location.clear();
    break;
  }
  return F;
}

} // namespace driver
} // namespace weft
