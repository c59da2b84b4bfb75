//===- Trace.cpp - A run's per-step trace, read back ----------------------===//

#include "Trace.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

#include <fstream>
#include <sstream>

namespace weft {
namespace driver {

bool readTrace(const std::string &Path, Trace &T, std::string &Error) {
  std::ifstream In(Path);
  if (!In) {
    Error = "cannot read trace file '" + Path + "'";
    return false;
  }
  std::string Line;
  if (!std::getline(In, Line) || Line != "weft-trace 1") {
    Error = "'" + Path + "' is not a weft trace (no 'weft-trace 1' line)";
    return false;
  }
  T = Trace();
  unsigned LineNo = 1;
  while (std::getline(In, Line)) {
    ++LineNo;
    std::vector<std::string> F = absl::StrSplit(Line, ' ', absl::SkipEmpty());
    bool Ok = !F.empty();
    if (Ok && F[0] == "steps" && F.size() == 3) {
      Ok = absl::SimpleAtoi(F[1], &T.Taken);
    } else if (Ok && F[0] == "S" && F.size() == 8) {
      TraceStep S;
      int Preempted = 0;
      Ok = absl::SimpleAtoi(F[1], &S.Step) && absl::SimpleAtoi(F[2], &S.Current) &&
           absl::SimpleAtoi(F[3], &S.Next) && absl::SimpleAtoi(F[5], &Preempted) &&
           absl::SimpleAtoi(F[6], &S.Object);
      S.Kind = F[4];
      S.Preempted = Preempted != 0;
      S.Label = F[7] == "-" ? "" : F[7];
      T.Steps.push_back(std::move(S));
    } else if (Ok && F[0] == "R" && F.size() == 4) {
      TraceReport R;
      Ok = absl::SimpleAtoi(F[1], &R.Step) && absl::SimpleAtoi(F[2], &R.Thread) &&
           absl::SimpleAtoi(F[3], &R.Number);
      T.Reports.push_back(R);
    } else {
      Ok = false;
    }
    if (!Ok) {
      Error = "bad line " + std::to_string(LineNo) + " in trace file '" + Path + "'";
      return false;
    }
  }
  return true;
}

} // namespace driver
} // namespace weft
