//===- Exploration.h - What weft test varies and learns across schedules -===//
//
// Two things make `weft test`'s schedules differ beyond their seeds
// (docs/scheduling.md, "Race-directed points" and "The portfolio"):
//
//  - the portfolio: without --strategy, execution i runs with the options
//    of portfolio slot i mod kPortfolioSlots (strategy, quantum, preemption
//    rate), so that coarse and fine granularities are both explored without
//    a user flag;
//  - race-directed points: the access sites that raced in earlier
//    schedules (the runs report them in their report files, after
//    weft/test_channel.h's kRacySitesMarker) become scheduling points of
//    later ones. Schedules are grouped in rounds of doubling length
//    ({0}, {1}, {2,3}, {4..7}, ...): a round runs with the sites learned in
//    the rounds before it, and starts once they have all ended, so what a
//    schedule runs with depends on its index only, never on -j or timing.
//
// A site set is handed to a run as a file (racy_sites=FILE) named after a
// hash of its content, kept after weft test ends: the reproduce line names
// it, so a seed and its options still name one schedule.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_EXPLORATION_H
#define WEFT_DRIVER_EXPLORATION_H

#include "absl/strings/string_view.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace weft {
namespace driver {

constexpr uint64_t kPortfolioSlots = 4;

/// The WEFT_OPTIONS of portfolio slot \p Slot (< kPortfolioSlots).
const char *portfolioOptions(uint64_t Slot);

/// The round of a shard's Nth execution, and the first execution of a round.
uint64_t roundOf(uint64_t N);
uint64_t roundStart(uint64_t Round);

/// Adds to \p Sites the sites a run's report file names.
void parseRacySites(absl::string_view Reports, std::set<std::string> &Sites);

/// Writes \p Sites (non-empty) to a file named after their content in
/// $TMPDIR/weft-sites (or /tmp/weft-sites), unless it exists; returns its
/// path, or "" (with \p Why) if it cannot be written.
std::string writeSitesFile(const std::set<std::string> &Sites, std::string &Why);

} // namespace driver
} // namespace weft

#endif
