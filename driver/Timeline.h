//===- Timeline.h - Running a failing seed again to draw it -----*- C++ -*-===//
//
// `weft replay --html` and `weft test --html` draw a failed schedule from a
// run of its seed with the runtime's trace on (trace_out=): the seed names
// the same schedule, so only the run that is drawn pays for tracing. This
// file makes that run; Html.cpp draws.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_TIMELINE_H
#define WEFT_DRIVER_TIMELINE_H

#include "Process.h"
#include "Trace.h"

#include <string>
#include <utility>
#include <vector>

namespace weft {
namespace driver {

struct TracedRun {
  ExitStatus Status;
  bool TimedOut = false;
  std::string Output; // stdout and stderr, interleaved as written
  Trace Steps;
};

/// Runs \p Program once with \p Env set (WEFT_SEED, WEFT_OPTIONS) and
/// trace_out= added to WEFT_OPTIONS; at most \p TimeoutSeconds (<= 0: no
/// limit). False with \p Error set when it could not run or left no trace.
bool runTraced(const std::vector<std::string> &Program,
               std::vector<std::pair<std::string, std::string>> Env,
               double TimeoutSeconds, TracedRun &Run, std::string &Error);

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_TIMELINE_H
