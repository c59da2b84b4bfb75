//===- Exploration.cpp - What weft test varies and learns across schedules ===//
//
// The portfolio and the rounds of race-directed points (Exploration.h).
//
//===----------------------------------------------------------------------===//

#include "Exploration.h"

#include "weft/test_channel.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace weft {
namespace driver {

const char *portfolioOptions(uint64_t Slot) {
  // Slot 0 is weft test's former only configuration; the others go finer.
  // Why these four: docs/scheduling.md ("The portfolio").
  static const char *const Slots[kPortfolioSlots] = {
      "preemption_rate=-1",             // any thread at each point, a point per ~2000 accesses
      "preemption_rate=-1 quantum=4",   // the same, a point every few accesses
      "preemption_rate=5 quantum=1",    // a point at every access, few preemptions
      "strategy=pos quantum=16",        // partial-order sampling, fine-grained
  };
  return Slots[Slot % kPortfolioSlots];
}

uint64_t roundOf(uint64_t N) {
  uint64_t R = 0;
  while (N) {
    N >>= 1;
    ++R;
  }
  return R; // 0 -> 0, 1 -> 1, 2..3 -> 2, 4..7 -> 3, ...
}

uint64_t roundStart(uint64_t Round) { return Round == 0 ? 0 : uint64_t(1) << (Round - 1); }

void parseRacySites(absl::string_view Reports, std::set<std::string> &Sites) {
  const absl::string_view Marker = test_channel::kRacySitesMarker;
  for (absl::string_view Line : absl::StrSplit(Reports, '\n')) {
    if (!absl::StartsWith(Line, Marker))
      continue;
    for (absl::string_view Site :
         absl::StrSplit(Line.substr(Marker.size()), ' ', absl::SkipEmpty()))
      Sites.insert(std::string(Site));
  }
}

std::string writeSitesFile(const std::set<std::string> &Sites, std::string &Why) {
  std::string Content = absl::StrJoin(Sites, "\n") + "\n";
  // FNV-1a: the name only has to tell different sets apart, stably.
  uint64_t Hash = 0xcbf29ce484222325ull;
  for (unsigned char C : Content)
    Hash = (Hash ^ C) * 0x100000001b3ull;
  const char *Tmp = std::getenv("TMPDIR");
  std::string Dir = std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/weft-sites";
  if (mkdir(Dir.c_str(), 0755) != 0 && errno != EEXIST) {
    Why = absl::StrFormat("cannot create '%s': %s", Dir, std::strerror(errno));
    return "";
  }
  std::string Path = absl::StrFormat("%s/%016x.sites", Dir, Hash);
  if (access(Path.c_str(), R_OK) == 0)
    return Path;
  std::string Temp = Path + absl::StrFormat(".%d", getpid());
  int Fd = open(Temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (Fd < 0) {
    Why = absl::StrFormat("cannot write '%s': %s", Temp, std::strerror(errno));
    return "";
  }
  bool Ok = write(Fd, Content.data(), Content.size()) == static_cast<ssize_t>(Content.size());
  close(Fd);
  // Renamed into place: a concurrent weft test never reads half a file.
  if (!Ok || rename(Temp.c_str(), Path.c_str()) != 0) {
    Why = absl::StrFormat("cannot write '%s'", Path);
    unlink(Temp.c_str());
    return "";
  }
  return Path;
}

} // namespace driver
} // namespace weft
