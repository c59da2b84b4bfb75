//===- Failure.cpp - What kind of failure an execution ended in -----------===//

#include "Failure.h"

#include "ExitCodes.h"

#include "weft/test_channel.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

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

/// Reads `file:line:col` (or `file:line`) into F; false if Text is not one.
bool parseSourceLocation(absl::string_view Text, ReportFrame &F) {
  size_t Colon = Text.rfind(':');
  if (Colon == absl::string_view::npos)
    return false;
  unsigned Last;
  if (!absl::SimpleAtoi(Text.substr(Colon + 1), &Last))
    return false;
  absl::string_view Rest = Text.substr(0, Colon);
  size_t Colon2 = Rest.rfind(':');
  unsigned Line;
  if (Colon2 != absl::string_view::npos &&
      absl::SimpleAtoi(Rest.substr(Colon2 + 1), &Line)) {
    F.File = std::string(Rest.substr(0, Colon2));
    F.Line = Line;
    F.Column = Last;
  } else {
    F.File = std::string(Rest);
    F.Line = Last;
  }
  return !F.File.empty();
}

/// `function file:line:col (module+0xoff)` after the frame number. The
/// function may contain spaces (C++ signatures), so it is read from the
/// right.
ReportFrame parseFrame(absl::string_view Text) {
  ReportFrame F;
  if (absl::EndsWith(Text, ")")) {
    size_t Open = Text.rfind(" (");
    if (Open != absl::string_view::npos) {
      F.Module = std::string(Text.substr(Open + 2, Text.size() - Open - 3));
      Text = Text.substr(0, Open);
    }
  }
  size_t Space = Text.rfind(' ');
  if (Space == absl::string_view::npos) {
    F.Function = std::string(Text);
    return F;
  }
  absl::string_view Where = Text.substr(Space + 1);
  if (Where == "<null>" || parseSourceLocation(Where, F))
    F.Function = std::string(Text.substr(0, Space));
  else
    F.Function = std::string(Text);
  return F;
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

std::vector<Report> parseReports(absl::string_view Output) {
  constexpr absl::string_view Rule = "==================";
  constexpr absl::string_view Warning = "WARNING: weft: ";
  std::vector<Report> Reports;
  Report *Current = nullptr;
  size_t Start = 0;
  ReportStack *Stack = nullptr;
  for (size_t Pos = 0; Pos < Output.size();) {
    size_t Eol = Output.find('\n', Pos);
    if (Eol == absl::string_view::npos)
      Eol = Output.size();
    absl::string_view Line = Output.substr(Pos, Eol - Pos);
    size_t LineStart = Pos;
    Pos = Eol + 1;
    if (absl::StartsWith(Line, Warning)) {
      Reports.emplace_back();
      Current = &Reports.back();
      Stack = nullptr;
      absl::string_view Kind = Line.substr(Warning.size());
      Kind = Kind.substr(0, Kind.rfind(" (pid="));
      Current->Kind = std::string(Kind);
      // The rule line just before the header starts the report's text.
      Start = LineStart;
      if (LineStart >= Rule.size() + 1 &&
          Output.substr(LineStart - Rule.size() - 1, Rule.size()) == Rule)
        Start = LineStart - Rule.size() - 1;
      continue;
    }
    if (!Current)
      continue;
    if (Line == Rule) {
      Current->Text = std::string(Output.substr(Start, Pos - Start));
      Current = nullptr;
      continue;
    }
    if (absl::StartsWith(Line, "SUMMARY: weft: ")) {
      // `SUMMARY: weft: <kind> <where> in <function>`: the kind may differ
      // from the header's and may hold spaces, and so may the function, so
      // <where> is the first word before an " in " that reads as a place.
      absl::string_view Rest = Line.substr(15);
      for (size_t In = Rest.find(" in "); In != absl::string_view::npos;
           In = Rest.find(" in ", In + 1)) {
        absl::string_view Before = Rest.substr(0, In);
        absl::string_view Where = Before.substr(Before.rfind(' ') + 1);
        ReportFrame F;
        if (absl::StartsWith(Where, "(") && absl::EndsWith(Where, ")"))
          F.Module = std::string(Where.substr(1, Where.size() - 2));
        else if (!parseSourceLocation(Where, F))
          continue;
        F.Function = std::string(Rest.substr(In + 4));
        Current->Summary = std::move(F);
        break;
      }
      Stack = nullptr;
      continue;
    }
    if (absl::StartsWith(Line, "To reproduce: ")) {
      Current->Reproduce = std::string(Line.substr(14));
      continue;
    }
    absl::string_view Trimmed = absl::StripLeadingAsciiWhitespace(Line);
    if (absl::StartsWith(Trimmed, "#") && Stack) {
      size_t Space = Trimmed.find(' ');
      if (Space != absl::string_view::npos)
        Stack->Frames.push_back(parseFrame(Trimmed.substr(Space + 1)));
      continue;
    }
    if (Trimmed.empty()) {
      Stack = nullptr;
      continue;
    }
    if (absl::EndsWith(Trimmed, ":") && absl::StartsWith(Line, "  ") &&
        !absl::StartsWith(Line, "    ")) {
      Current->Stacks.push_back(
          {std::string(Trimmed.substr(0, Trimmed.size() - 1)), {}});
      Stack = &Current->Stacks.back();
      continue;
    }
    if (!absl::StartsWith(Line, "    ["))
      Current->Notes.push_back(std::string(Trimmed));
  }
  // A report cut short (the process died mid-write) keeps what it has.
  if (Current)
    Current->Text = std::string(Output.substr(Start));
  return Reports;
}

std::string ruleIdOf(absl::string_view Kind) {
  Kind = Kind.substr(0, Kind.find(" ("));
  if (absl::StartsWith(Kind, "signal "))
    return "signal";
  std::string Id;
  for (char C : Kind) {
    if (absl::ascii_isalnum(C))
      Id += absl::ascii_tolower(C);
    else if (!Id.empty() && Id.back() != '-')
      Id += '-';
  }
  while (!Id.empty() && (Id.back() == '-' || absl::ascii_isdigit(Id.back())))
    Id.pop_back();
  return Id.empty() ? "failure" : Id;
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
