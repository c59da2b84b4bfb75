//===- schedule.h - A schedule as data: the decisions of one execution ----===//
//
// A schedule is the seed plus every answer a strategy gave, in order: which
// thread ran at each scheduling point, each quantum, each bounded choice.
// Replaying those answers replays the execution, whatever strategy produced
// them. The text form (docs/scheduling.md) is one token per decision:
//
//   T3    thread 3 runs next             T3!   the same, and it preempted a
//   q17   17 accesses before the next          runnable current thread
//         access point                   T3-   a preemption to T3 that
//   w1/3  choice 1 of 3, of a kind:            `weft minimize` removed: the
//         w wake-waiter, t timeout-early,      current thread goes on
//         e sleep-early, s spurious-wakeup     (fill mode only)
//
// This file knows the tokens, nothing about files or processes. It must not
// allocate except through InternalVector.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_SCHEDULE_H
#define WEFT_SCHEDULER_SCHEDULE_H

#include "base/internal_vector.h"
#include "strategies/strategy.h"

namespace weft {

enum class DecisionKind : uint8_t { Pick, Quantum, Choice };

struct Decision {
  DecisionKind Kind = DecisionKind::Pick;
  ChoiceKind Choice = ChoiceKind::WakeWaiter; // Kind == Choice
  bool Preemption = false;                    // Kind == Pick
  bool Removed = false; // Kind == Pick: a preemption taken out (minimize)
  uint32_t Value = 0; // thread id, quantum, or the choice made
  uint32_t Bound = 0; // Kind == Choice: the choice was in [0, Bound)
};

using ScheduleLog = InternalVector<Decision>;

/// Letter of a choice kind in the text form ('w', 't', 'e', 's').
char choiceLetter(ChoiceKind K);
/// Human name of a choice kind ("wake-waiter", ...).
const char *choiceName(ChoiceKind K);

/// Writes the token of \p D into \p Buf (NUL-terminated; 32 bytes suffice);
/// returns its length.
size_t formatDecision(const Decision &D, char *Buf);

/// Parses the decisions of a schedule's text: tokens separated by white
/// space, after an optional header of `key value` lines that the caller has
/// skipped. Returns false and sets \p ErrorAt to the offset of the first bad
/// token on malformed input.
bool parseDecisions(const char *Text, size_t Len, ScheduleLog &Out,
                    size_t &ErrorAt);

} // namespace weft

#endif
