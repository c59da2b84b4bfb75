//===- recording_strategy.h - Writes down every answer of a strategy ------===//
//
// Wraps the strategy of an execution and appends each of its answers to a
// ScheduleLog, which becomes the schedule file (schedule_out=). It changes no
// answer and draws no randomness, so recording never alters the run. A pick
// is marked as a preemption when the current thread could have gone on but
// another was chosen: those are what `weft minimize` removes.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_RECORDING_STRATEGY_H
#define WEFT_SCHEDULER_RECORDING_STRATEGY_H

#include "schedule.h"

namespace weft {

class RecordingStrategy final : public WrappingStrategy {
public:
  RecordingStrategy(Strategy *Inner, ScheduleLog *Log) : WrappingStrategy(Inner), Log(Log) {}

  void beginExecution(uint64_t Seed) override {
    Log->clear();
    Preemptions = 0;
    Inner->beginExecution(Seed);
  }
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind,
                    PointObject Object) override {
    ThreadId Next = Inner->pickNext(Runnable, NumRunnable, Current, Kind, Object);
    Decision D;
    D.Kind = DecisionKind::Pick;
    D.Value = index(Next);
    D.Preemption = isPreemption(Runnable, NumRunnable, Current, Next);
    Preemptions += D.Preemption;
    Log->push_back(D);
    return Next;
  }
  uint32_t nextQuantum() override {
    Decision D;
    D.Kind = DecisionKind::Quantum;
    D.Value = Inner->nextQuantum();
    Log->push_back(D);
    return D.Value;
  }
  uint32_t choose(ChoiceKind Kind, uint32_t N) override {
    Decision D;
    D.Kind = DecisionKind::Choice;
    D.Choice = Kind;
    D.Value = Inner->choose(Kind, N);
    D.Bound = N;
    Log->push_back(D);
    return D.Value;
  }

  uint64_t preemptions() const { return Preemptions; }

private:
  ScheduleLog *Log;
  uint64_t Preemptions = 0;
};

} // namespace weft

#endif
