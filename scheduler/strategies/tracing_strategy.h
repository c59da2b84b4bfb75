//===- tracing_strategy.h - Writes down every step of an execution --------===//
//
// Wraps the strategy of an execution and keeps, for each scheduling step,
// who stood at the point, why it was asked (PointKind, and a label the
// embedder may give the next point: "lock", "join"), which object the step
// is about, who was picked, and whether that was a preemption (the current
// thread could have gone on). The HTML timeline of a failing schedule is
// drawn from it (trace_out=, `weft replay --html`).
//
// It changes no answer and draws no randomness, so tracing never alters the
// run. Its memory is bounded: the last kCapacity steps are kept, in a ring,
// and how many were dropped before them is counted. Objects are named by
// order of first appearance (O1, O2, ...): compared for equality only, in a
// small table that is searched, never iterated in address order.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_TRACING_STRATEGY_H
#define WEFT_SCHEDULER_TRACING_STRATEGY_H

#include "base/internal_vector.h"
#include "strategies/strategy.h"

namespace weft {

struct TraceStep {
  uint64_t Step;      // 1-based, as Scheduler::steps() counts
  ThreadId Current;   // who stood at the point (Invalid: none)
  ThreadId Next;      // who was picked
  PointKind Kind;
  bool Preempted;     // Current was runnable and another was picked
  uint32_t Object;    // 0: none; else its name's number (O1, O2, ...)
  const char *Label;  // static text, or null
};

class TracingStrategy final : public WrappingStrategy {
public:
  static constexpr size_t kCapacity = 100000;

  explicit TracingStrategy(Strategy *Inner) : WrappingStrategy(Inner) {}

  void beginExecution(uint64_t Seed) override {
    Steps.clear();
    Objects.clear();
    First = 0;
    Count = 0;
    NextLabel = nullptr;
    Inner->beginExecution(Seed);
  }
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind,
                    PointObject Object) override {
    ThreadId Next = Inner->pickNext(Runnable, NumRunnable, Current, Kind, Object);
    TraceStep S;
    S.Step = ++Count;
    S.Current = Current;
    S.Next = Next;
    S.Kind = Kind;
    S.Preempted = isPreemption(Runnable, NumRunnable, Current, Next);
    S.Object = nameOf(Object);
    S.Label = NextLabel;
    NextLabel = nullptr;
    if (Steps.size() < kCapacity) {
      Steps.push_back(S);
    } else {
      Steps[First] = S;
      First = (First + 1) % kCapacity;
    }
    return Next;
  }
  // nextQuantum and choose: the inner strategy's answers, untraced.

  /// What the next point is (a static string: "lock", "cond_wait").
  void labelNextPoint(const char *Label) { NextLabel = Label; }

  /// Steps taken so far; the kept ones are the last size() of them.
  uint64_t count() const { return Count; }
  size_t size() const { return Steps.size(); }
  /// The I-th kept step, oldest first.
  const TraceStep &at(size_t I) const { return Steps[(First + I) % Steps.size()]; }

private:
  // Object names grow with the distinct objects a run touches, and the
  // search is linear: tracing is for one replayed run, never exploration.
  uint32_t nameOf(PointObject O) {
    if (O == 0)
      return 0;
    for (size_t I = Objects.size(); I > 0; --I)
      if (Objects[I - 1] == O)
        return uint32_t(I);
    Objects.push_back(O);
    return uint32_t(Objects.size());
  }

  InternalVector<TraceStep> Steps; // a ring once full; First is the oldest
  InternalVector<PointObject> Objects;
  size_t First = 0;
  uint64_t Count = 0;
  const char *NextLabel = nullptr;
};

} // namespace weft

#endif
