//===- SarifCommand.cpp - weft sarif: reports in a log as SARIF -----------===//
//
// Converts weft reports, as a run printed them (on stderr, or into the file
// log_path= names), into SARIF 2.1.0 with the writer weft test uses. The
// runtime runs it for WEFT_OPTIONS=sarif_path=FILE, feeding it the run's
// reports on standard input (runtime/lib/report/sarif_export.h); users can run it
// on a saved log.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "Results.h"

#include "absl/strings/match.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

namespace weft {
namespace driver {

const char SarifUsage[] =
    R"(usage: weft sarif [-o FILE] [--source-root DIR] [LOG...]

Reads the weft reports in each LOG (as a run printed them on stderr or in
the file WEFT_OPTIONS=log_path= names; `-` or no LOG: standard input) and
writes them as SARIF 2.1.0, one result per report, to FILE (default:
standard output). Paths under DIR (default: the current directory) are
written relative to it.

A single run writes its own SARIF with WEFT_OPTIONS=sarif_path=FILE, which
runs this command after every report.
)";

namespace {

/// The seed in a reproduce line: the value of WEFT_SEED=.
std::string seedOf(const std::string &Reproduce) {
  size_t At = Reproduce.find("WEFT_SEED=");
  if (At == std::string::npos)
    return "";
  std::string Rest = Reproduce.substr(At + 10);
  return Rest.substr(0, Rest.find(' '));
}

} // namespace

int sarifCommand(const std::vector<std::string> &Args) {
  std::string OutPath = "-", SourceRoot;
  std::vector<std::string> Logs;
  for (size_t I = 0; I < Args.size(); ++I) {
    const std::string &Arg = Args[I];
    if (Arg == "--help" || Arg == "-h") {
      std::fputs(SarifUsage, stdout);
      return 0;
    }
    if (Arg == "-o" || Arg == "--source-root") {
      if (!hasFlagValue(Args, I))
        return ExitUsage;
      (Arg == "-o" ? OutPath : SourceRoot) = Args[++I];
      continue;
    }
    if (unknownFlag(Arg, "sarif"))
      return ExitUsage;
    Logs.push_back(Arg);
  }
  if (Logs.empty())
    Logs.push_back("-");

  TestResults R;
  for (const std::string &Log : Logs) {
    std::string Text;
    if (Log == "-") {
      Text.assign(std::istreambuf_iterator<char>(std::cin),
                  std::istreambuf_iterator<char>());
    } else {
      std::ifstream In(Log, std::ios::binary);
      if (!In) {
        error("cannot read '%s': %s", Log, std::strerror(errno));
        return ExitFailure;
      }
      Text.assign(std::istreambuf_iterator<char>(In),
                  std::istreambuf_iterator<char>());
    }
    for (Report &Rep : parseReports(Text)) {
      FailedRun F;
      F.Seed = seedOf(Rep.Reproduce);
      F.What.Kind = Rep.Kind;
      F.HasStatus = false;
      F.Reproduce = Rep.Reproduce;
      F.Output = std::move(Rep.Text);
      R.Failures.push_back(std::move(F));
    }
  }
  std::string Path = OutPath == "-" ? "/dev/stdout" : OutPath;
  if (!writeSarif(R, Path, SourceRoot)) {
    error("cannot write '%s': %s", OutPath, std::strerror(errno));
    return ExitFailure;
  }
  return 0;
}

} // namespace driver
} // namespace weft
