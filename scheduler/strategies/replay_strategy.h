//===- replay_strategy.h - Answers from a recorded schedule ---------------===//
//
// Replays a ScheduleLog.
//
// Strict (the default, `weft replay --schedule-file`): each question takes
// the next recorded decision, and every decision must still apply — it must
// be of the kind asked for, a recorded thread must be runnable, a recorded
// choice must have the same kind and bound — and the run must ask for neither
// more nor fewer decisions than were recorded. Otherwise the program or its
// input changed, and the strategy reports the divergence precisely ("at step
// 812: expected T3, runnable were {T1,T2}") instead of letting a different
// run print a misleading report.
//
// Fill (`weft minimize`): the decisions are hints, keyed by the thread that
// made them rather than by their position, so that removing one preemption
// does not shift every later hint onto the wrong thread. Reading the log
// once, the current thread at each pick is the previous pick's thread (T0
// at first), so each pick becomes "when thread C reaches its k-th point, run
// X", and each quantum and choice belongs to the thread that was running.
// At a point, the hint for (current thread, its point count) applies if its
// thread can run and it takes the baton from a thread that could go on only
// when marked '!'; a removed preemption ('-'), a missing hint, or one that
// does not apply is answered by the fill rule: keep the current thread if it
// can run (no preemption), else the runnable thread with the lowest id;
// quantum FillQuantum; choice 0.
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
  /// \p Log must outlive the strategy.
  ReplayStrategy(const ScheduleLog *Log, bool Fill, uint32_t FillQuantum,
                 DivergenceHandler OnDiverge)
      : Log(Log), Fill(Fill), FillQuantum(FillQuantum), OnDiverge(OnDiverge) {}
  ~ReplayStrategy() override;

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
  /// Fill mode: one thread's hints, and how far this run has used them.
  struct ThreadHints {
    InternalVector<const Decision *> Picks;   // [k]: at its (k+1)-th point
    InternalVector<const Decision *> Quanta;  // in order of its turns
    InternalVector<const Decision *> Choices; // in order it made them
    size_t PointsSeen = 0, QuantaUsed = 0, ChoicesUsed = 0;
  };

  /// The next decision in strict mode, or null (after reporting) when the
  /// schedule is exhausted.
  const Decision *nextStrict(const char *Asked);
  ThreadHints &hintsOf(ThreadId T);
  void buildHints();
  void clearHints();
  void diverge(const char *What);

  const ScheduleLog *Log;
  bool Fill;
  uint32_t FillQuantum;
  DivergenceHandler OnDiverge;
  uint64_t Step = 0;     // pick questions so far (the scheduler's step)
  size_t Cursor = 0;     // strict mode
  bool Diverged = false; // after a returning handler: fill from then on
  ThreadId Running = ThreadId::Main; // fill mode: the last thread picked
  InternalVector<ThreadHints *> Hints; // fill mode, by thread id
};

} // namespace weft

#endif
