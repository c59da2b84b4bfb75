//===- Trace.h - A run's per-step trace, read back --------------*- C++ -*-===//
//
// The runtime writes, when asked (WEFT_OPTIONS=trace_out=FILE), every
// scheduling step of a run and where its reports were printed; the format
// is documented in runtime/lib/report/trace_export.h. `weft replay --html`
// and `weft test --html` read it here and draw the timeline (Html.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_TRACE_H
#define WEFT_DRIVER_TRACE_H

#include <cstdint>
#include <string>
#include <vector>

namespace weft {
namespace driver {

struct TraceStep {
  uint64_t Step = 0;
  int Current = -1; // thread id at the point; -1 none
  int Next = -1;    // thread picked
  std::string Kind; // access sync create exit block yield
  bool Preempted = false;
  unsigned Object = 0; // 0 none, else On
  std::string Label;   // "lock", "join", ...; empty when none
};

struct TraceReport {
  uint64_t Step = 0; // printed after this step
  int Thread = -1;
  unsigned Number = 0; // the run's n-th report, from 1
};

struct Trace {
  uint64_t Taken = 0; // steps in the run; the kept ones are the last
  std::vector<TraceStep> Steps;
  std::vector<TraceReport> Reports;
};

/// Reads a trace file; false with \p Error set when it is missing or is
/// not a weft trace.
bool readTrace(const std::string &Path, Trace &T, std::string &Error);

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_TRACE_H
