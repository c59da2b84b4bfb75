//===- Junit.cpp - weft test --junit: JUnit XML ---------------------------===//
//
// One testsuite per run: a testcase per failing schedule (named by its seed,
// with the failure's kind, location, output and reproduce line) and one for
// all the schedules that passed. CI dashboards read this shape (Jenkins,
// GitLab, GitHub's test reporters). markupEscape is the one XML escaper
// (Html.cpp's too).
//
//===----------------------------------------------------------------------===//

#include "Results.h"

#include "absl/strings/str_format.h"

#include <cerrno>
#include <fstream>

namespace weft {
namespace driver {

std::string markupEscape(absl::string_view S, bool ReplaceControls) {
  std::string Out;
  Out.reserve(S.size());
  for (char C : S) {
    switch (C) {
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '&': Out += "&amp;"; break;
    case '"': Out += "&quot;"; break;
    default:
      // XML 1.0 forbids most control characters, even escaped.
      if (ReplaceControls && static_cast<unsigned char>(C) < 0x20 && C != '\n' &&
          C != '\t' && C != '\r')
        Out += '?';
      else
        Out += C;
    }
  }
  return Out;
}

std::string xmlEscape(absl::string_view S) { return markupEscape(S, true); }

bool writeJunit(const TestResults &R, const std::string &Path) {
  std::ofstream Out(Path);
  if (!Out)
    return false;
  std::string Name = R.Program.substr(0, R.Program.find(' '));
  if (size_t Slash = Name.rfind('/'); Slash != std::string::npos)
    Name = Name.substr(Slash + 1);
  uint64_t Passed = R.Schedules - R.Failures.size();
  size_t Cases = R.Failures.size() + (Passed ? 1 : 0);
  Out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
      << "  <testsuite name=\"weft test " << xmlEscape(Name) << "\" tests=\""
      << Cases << "\" failures=\"" << R.Failures.size() << "\" errors=\"0\""
      << absl::StrFormat(" time=\"%.3f\">\n", R.Seconds)
      << "    <properties>\n"
      << "      <property name=\"seed\" value=\"" << xmlEscape(R.Seed) << "\"/>\n"
      << "      <property name=\"strategy\" value=\"" << xmlEscape(R.Strategy)
      << "\"/>\n"
      << "      <property name=\"shard\" value=\"" << xmlEscape(R.Shard)
      << "\"/>\n"
      << "      <property name=\"schedules\" value=\"" << R.Schedules
      << "\"/>\n";
  if (!R.Interrupted.empty())
    Out << "      <property name=\"interrupted\" value=\""
        << xmlEscape(R.Interrupted) << "\"/>\n";
  Out << "    </properties>\n";
  for (const FailedRun &F : R.Failures) {
    std::string Where = F.What.Location.empty() ? "" : " at " + F.What.Location;
    Out << "    <testcase classname=\"weft." << xmlEscape(Name)
        << "\" name=\"seed " << xmlEscape(F.Seed) << "\""
        << absl::StrFormat(" time=\"%.3f\">\n", F.Seconds)
        << "      <failure type=\"" << xmlEscape(F.What.Kind) << "\" message=\""
        << xmlEscape(F.What.Kind + Where) << "\">" << xmlEscape(F.Output)
        << "reproduce with: " << xmlEscape(F.Reproduce)
        << "</failure>\n    </testcase>\n";
  }
  if (Passed)
    Out << "    <testcase classname=\"weft." << xmlEscape(Name) << "\" name=\""
        << Passed << " passing schedules\" time=\"0\"/>\n";
  Out << "  </testsuite>\n</testsuites>\n";
  Out.close();
  return static_cast<bool>(Out);
}

} // namespace driver
} // namespace weft
