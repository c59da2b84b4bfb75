//===- MergeCommand.cpp - weft merge: join the shards of a weft test ------===//
//
// A CI matrix runs `weft test --seed S --shard K/N --json shard-K.json` in N
// jobs; `weft merge` joins their JSON into the results of the whole run, as
// if one `weft test` had run every schedule, and writes them as JSON, JUnit
// and SARIF with the same writers weft test uses. The shards must come from
// one sequence (same seed, strategy and program) and each shard once; a
// missing shard is allowed (a job that failed to report) and named.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Diagnostics.h"
#include "Results.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

namespace weft {
namespace driver {

const char MergeUsage[] =
    R"(usage: weft merge [--json F] [--junit F] [--sarif F] shard.json...

Joins the JSON results of the shards of one `weft test --shard K/N --json`
run into the results of the whole run: prints the failures by kind and the
totals, and writes them as JSON, JUnit XML and SARIF 2.1.0 as weft test
would have. Failures keep the order of the seed sequence.

  --json F          write the joined results as JSON to F
  --junit F         write them as JUnit XML to F
  --sarif F         write every report as SARIF 2.1.0 to F (paths relative
                    to the current directory)

The shards must share the seed, strategy and program; a shard given twice is
an error, a missing one a warning. Exits 1 if any schedule failed, 0
otherwise (2 on a usage error).
)";

namespace {

/// K and N of "K/N"; false if Shard is not one.
bool parseShardText(const std::string &Shard, uint64_t &K, uint64_t &N) {
  std::vector<std::string> Parts = absl::StrSplit(Shard, '/');
  return Parts.size() == 2 && absl::SimpleAtoi(Parts[0], &K) &&
         absl::SimpleAtoi(Parts[1], &N) && K >= 1 && K <= N;
}

} // namespace

int mergeCommand(const std::vector<std::string> &Args) {
  std::string JsonPath, JunitPath, SarifPath;
  std::vector<std::string> Inputs;
  for (size_t I = 0; I < Args.size(); ++I) {
    const std::string &Arg = Args[I];
    if (Arg == "--help" || Arg == "-h") {
      std::fputs(MergeUsage, stdout);
      return 0;
    }
    std::string *Path = Arg == "--json"    ? &JsonPath
                        : Arg == "--junit" ? &JunitPath
                        : Arg == "--sarif" ? &SarifPath
                                           : nullptr;
    if (Path) {
      if (!hasFlagValue(Args, I))
        return ExitUsage;
      *Path = Args[++I];
      continue;
    }
    if (unknownFlag(Arg, "merge"))
      return ExitUsage;
    Inputs.push_back(Arg);
  }
  if (Inputs.empty()) {
    error("no shard results given");
    note("usage: weft merge [--json F] [--junit F] [--sarif F] shard.json...");
    return ExitUsage;
  }

  TestResults Merged;
  std::set<uint64_t> Seen;
  uint64_t Count = 0;
  std::vector<std::string> Shards;
  for (const std::string &Input : Inputs) {
    TestResults R;
    std::string Why;
    if (!readResultsJson(Input, R, Why)) {
      error("cannot read '%s': %s", Input, Why);
      return ExitFailure;
    }
    uint64_t K = 0, N = 0;
    if (!parseShardText(R.Shard, K, N)) {
      error("'%s' names no shard ('%s')", Input, R.Shard);
      return ExitFailure;
    }
    if (Shards.empty()) {
      Merged.Seed = R.Seed;
      Merged.Strategy = R.Strategy;
      Merged.Program = R.Program;
      Count = N;
    } else if (R.Seed != Merged.Seed || R.Strategy != Merged.Strategy ||
               R.Program != Merged.Program || N != Count) {
      error("'%s' is not a shard of the same run as '%s' (seed %s, strategy "
            "%s, %d shards, program %s; expected %s, %s, %d, %s)",
            Input, Inputs[0], R.Seed, R.Strategy, static_cast<int>(N),
            R.Program, Merged.Seed, Merged.Strategy, static_cast<int>(Count),
            Merged.Program);
      return ExitFailure;
    }
    if (!Seen.insert(K).second) {
      error("shard %s is given twice ('%s')", R.Shard, Input);
      return ExitFailure;
    }
    Shards.push_back(std::to_string(K));
    Merged.Schedules += R.Schedules;
    // The shards ran side by side: the run took as long as the longest.
    Merged.Seconds = std::max(Merged.Seconds, R.Seconds);
    for (FailedRun &F : R.Failures)
      Merged.Failures.push_back(std::move(F));
  }
  std::vector<std::string> Missing;
  for (uint64_t K = 1; K <= Count; ++K)
    if (!Seen.count(K))
      Missing.push_back(absl::StrCat(K, "/", Count));
  if (!Missing.empty())
    warning("no results from shard%s %s: the merged results cover %d of %d "
            "shards",
            Missing.size() > 1 ? "s" : "", absl::StrJoin(Missing, ", "),
            static_cast<int>(Seen.size()), static_cast<int>(Count));
  std::sort(Shards.begin(), Shards.end(),
            [](const std::string &A, const std::string &B) {
              return A.size() != B.size() ? A.size() < B.size() : A < B;
            });
  Merged.Shard = absl::StrCat(absl::StrJoin(Shards, ","), "/", Count);
  std::stable_sort(Merged.Failures.begin(), Merged.Failures.end(),
                   [](const FailedRun &A, const FailedRun &B) {
                     return A.Index < B.Index;
                   });

  if (!Merged.Failures.empty()) {
    std::printf("weft merge: failures by kind:\n");
    for (const auto &G : groupFailures(Merged.Failures)) {
      std::vector<std::string> Seeds;
      for (size_t I = 0; I < G.size() && I < 8; ++I)
        Seeds.push_back(G[I]->Seed);
      if (G.size() > 8)
        Seeds.push_back("...");
      std::string Where =
          G[0]->What.Location.empty() ? "" : " at " + G[0]->What.Location;
      std::printf("  %s%s: %zu (seed%s %s)\n", G[0]->What.Kind.c_str(),
                  Where.c_str(), G.size(), G.size() > 1 ? "s" : "",
                  absl::StrJoin(Seeds, ", ").c_str());
    }
  }
  std::printf("weft merge: %zu shard%s of %llu, seed %s, %llu schedules, "
              "%zu failed\n",
              Seen.size(), Seen.size() > 1 ? "s" : "",
              static_cast<unsigned long long>(Count), Merged.Seed.c_str(),
              static_cast<unsigned long long>(Merged.Schedules),
              Merged.Failures.size());
  std::fflush(stdout);

  if (!JsonPath.empty() && !writeResultsJson(Merged, JsonPath)) {
    error("cannot write '%s': %s", JsonPath, std::strerror(errno));
    return ExitFailure;
  }
  if (!JunitPath.empty() && !writeJunit(Merged, JunitPath)) {
    error("cannot write '%s': %s", JunitPath, std::strerror(errno));
    return ExitFailure;
  }
  if (!SarifPath.empty() && !writeSarif(Merged, SarifPath, "")) {
    error("cannot write '%s': %s", SarifPath, std::strerror(errno));
    return ExitFailure;
  }
  return Merged.Failures.empty() ? 0 : ExitFailure;
}

} // namespace driver
} // namespace weft
