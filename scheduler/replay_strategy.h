//===- replay_strategy.h - Answers from a recorded schedule ---------------===//
//
// Replays a ScheduleLog: each question takes the next recorded decision.
//
// Strict (the default, `weft replay --schedule-file`): every decision must
// still apply — the next decision must be of the kind asked for, a recorded
// thread must be runnable, a recorded choice must have the same kind and
// bound — and the run must not ask for more decisions than were recorded.
// Otherwise the program or its input changed, and the strategy reports the
// divergence precisely ("at step 812: expected T3, runnable were {T1,T2}")
// instead of letting a different run print a misleading report.
//
// Fill (`weft minimize`): decisions are hints. Picks, quanta and choices are
// taken from three separate queues, so an edited schedule stays aligned; a
// hint that does not apply, a '.' and anything past the end are answered by
// the fill rule: keep the current thread if it can run (no preemption), else
// the runnable thread with the lowest id; quantum FillQuantum; choice 0.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_REPLAY_STRATEGY_H
#define WEFT_SCHEDULER_REPLAY_STRATEGY_H

#include "schedule.h"

namespace weft {

/// Receives the divergence message (NUL-terminated, no trailing newline).
/// The runtime's handler prints it and exits; if it returns, the strategy
/// goes on with the fill rule.
using DivergenceHandler = void (*)(const char *Message);

class ReplayStrategy final : public Strategy {
public:
  /// Takes ownership of nothing: \p Log must outlive the strategy.
  ReplayStrategy(const ScheduleLog *Log, bool Fill, uint32_t FillQuantum,
                 DivergenceHandler OnDiverge)
      : Log(Log), Fill(Fill), FillQuantum(FillQuantum), OnDiverge(OnDiverge) {}

  void beginExecution(uint64_t Seed) override;
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind,
                    PointObject Object) override;
  uint32_t nextQuantum() override;
  uint32_t choose(ChoiceKind Kind, uint32_t N) override;

  /// Strict mode at the end of the run: reports a divergence if recorded
  /// decisions were left unused.
  void checkFinished();
  uint64_t step() const { return Step; }

private:
  /// The next decision in strict mode, or null (after reporting) when the
  /// schedule is exhausted.
  const Decision *nextStrict(const char *Asked);
  /// The next decision of kind \p K in fill mode, or null.
  const Decision *nextHint(DecisionKind K, size_t &Cursor);
  void diverge(const char *What);

  const ScheduleLog *Log;
  bool Fill;
  uint32_t FillQuantum;
  DivergenceHandler OnDiverge;
  uint64_t Step = 0;      // pick questions so far (the scheduler's step)
  size_t Cursor = 0;      // strict mode
  size_t PickCursor = 0, QuantumCursor = 0, ChoiceCursor = 0; // fill mode
  bool Diverged = false;  // after a returning handler: fill from then on
};

} // namespace weft

#endif
