//===- strategy.h - The interface every scheduling strategy implements ----===//
//
// A strategy makes every nondeterministic choice of an execution and nothing
// else: which runnable thread goes next at a scheduling point, how many
// instrumented accesses run before the next preemption point, and bounded
// choices such as which condition-variable waiter a signal wakes. Given the
// same seed and the same sequence of questions it must give the same answers.
// A new strategy is one file implementing this interface, plus its tests.
//
// A point may name the object it is about (a mutex, a condition variable,
// an atomic location): strategies may compare objects for equality (POS uses
// it to tell conflicting steps apart) but must never order or hash them,
// since addresses change from run to run.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_STRATEGY_H
#define WEFT_SCHEDULER_STRATEGY_H

#include "strategies/go_on_budget.h"
#include "thread_id.h"

#include <cstddef>
#include <cstdint>

namespace weft {

/// Why the scheduler is asking: lets strategies treat cheap, frequent points
/// (memory accesses) differently from synchronization.
enum class PointKind : uint8_t {
  Access,       // the access countdown reached zero
  Sync,         // lock, unlock, signal, atomic fence, ...
  ThreadCreate, // right after a thread was created
  ThreadExit,   // the current thread finished
  Block,        // the current thread cannot continue
  Yield,        // sched_yield, sleep(0)
  RacyAccess,   // an access at a site that raced in an earlier schedule;
                // its object is the accessed address (racy_sites=)
};

/// Bounded choices other than "who runs next".
/// Every kind is answered in [0, N); the binary ones (N == 2) mean 1 = yes.
enum class ChoiceKind : uint8_t {
  WakeWaiter,     // which of N waiters a signal wakes
  TimeoutEarly,   // does a timed wait time out now rather than at its deadline
  SleepEarly,     // does a sleeper wake now rather than at its deadline
  SpuriousWakeup, // does a condition-variable wait return without a signal
};
constexpr unsigned kNumChoiceKinds = 4;

/// The object a point is about: 0 when there is none (memory-access points,
/// thread lifecycle). Only ever compared for equality.
using PointObject = uintptr_t;

class Strategy {
public:
  virtual ~Strategy() = default;
  /// Called once before the execution starts.
  virtual void beginExecution(uint64_t Seed) = 0;
  /// Picks the thread to run next. \p Runnable is non-empty and sorted by id;
  /// \p Current is the thread at the point (it may or may not be runnable);
  /// \p Object is what its next step is about (see PointObject).
  virtual ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                            ThreadId Current, PointKind Kind,
                            PointObject Object) = 0;
  /// How many instrumented accesses the next thread runs before an Access
  /// point; at least 1.
  virtual uint32_t nextQuantum() = 0;
  /// A choice in [0, N), N >= 1.
  virtual uint32_t choose(ChoiceKind Kind, uint32_t N) = 0;
  /// The points this strategy decided ahead of time that the current
  /// thread goes on (go_on_budget.h), which the scheduler may then answer
  /// without asking; null: pickNext is asked at every point. Asked once,
  /// after beginExecution. Wrappers keep null: they see every point.
  virtual GoOnBudget *goOnBudget() { return nullptr; }
  /// The budget whose Units the scheduler sets before each pickNext, even
  /// when goOnBudget hides it (a wrapper that sees every point): the
  /// strategy charges the point by the work before it either way.
  virtual GoOnBudget *chargedBudget() { return goOnBudget(); }
};

/// Whether picking \p Next at a point where \p Current stood preempts it:
/// \p Current could have gone on (it is among the \p NumRunnable threads of
/// \p Runnable) but another was picked.
inline bool isPreemption(const ThreadId *Runnable, size_t NumRunnable, ThreadId Current,
                         ThreadId Next) {
  if (Next == Current)
    return false;
  for (size_t I = 0; I < NumRunnable; ++I)
    if (Runnable[I] == Current)
      return true;
  return false;
}

/// A strategy that wraps another (recording, tracing, deadlock steering):
/// each answer is the inner strategy's unless the wrapper overrides it.
class WrappingStrategy : public Strategy {
public:
  explicit WrappingStrategy(Strategy *Inner) : Inner(Inner) {}

  void beginExecution(uint64_t Seed) override { Inner->beginExecution(Seed); }
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable, ThreadId Current,
                    PointKind Kind, PointObject Object) override {
    return Inner->pickNext(Runnable, NumRunnable, Current, Kind, Object);
  }
  uint32_t nextQuantum() override { return Inner->nextQuantum(); }
  uint32_t choose(ChoiceKind Kind, uint32_t N) override { return Inner->choose(Kind, N); }
  GoOnBudget *chargedBudget() override { return Inner->chargedBudget(); }

protected:
  Strategy *Inner;
};

} // namespace weft

#endif
