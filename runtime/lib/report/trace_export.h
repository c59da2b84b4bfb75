//===- trace_export.h - The per-step trace a run writes (trace_out=) ------===//
//
// Owns the trace that `weft replay --html` and `weft test --html` draw a
// failing schedule's timeline from: when trace_out=FILE is set, the
// strategy is wrapped in a TracingStrategy (scheduler/strategies/
// tracing_strategy.h), sync points are labelled with what they are, the
// step at which each report is printed is noted, and at exit the file is
// written. Without trace_out none of this runs: a test of one pointer.
//
// File format (text, one record a line; the driver's Trace.cpp reads it):
//
//   weft-trace 1
//   steps <taken> <kept>          the kept ones are the last <kept>
//   S <step> <cur> <next> <kind> <preempted 0/1> <object> <label>
//   R <step> <thread> <report number, from 1>
//
// <cur>/<next>/<thread> are thread ids (T<n> in reports; -1 none), <kind>
// one of access sync create exit block yield, <object> 0 or n for On,
// <label> "-" when there is none.
//
// It must never change a decision, and it never runs during exploration.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_TRACE_EXPORT_H
#define WEFT_RUNTIME_TRACE_EXPORT_H

#include "strategies/strategy.h"

namespace weft {
namespace trace_export {

/// \p S wrapped in a tracer if trace_out= is set, else \p S.
Strategy *wrap(Strategy *S);
/// Whether this run traces (a cheap test for the hooks below).
bool enabled();
/// Set once, by wrap, before any thread runs: read inline at every sync
/// point (every atomic operation labels its point).
extern bool Tracing;
void labelNextPointImpl(const char *Label);
/// The next scheduling point is a \p Label (a static string).
inline void labelNextPoint(const char *Label) {
  if (__builtin_expect(Tracing, false))
    labelNextPointImpl(Label);
}
/// A report was just printed by the current thread.
void reportPrinted();
/// Writes the file, once (exit, or a report path that ends the run).
void write();

} // namespace trace_export
} // namespace weft

#endif
