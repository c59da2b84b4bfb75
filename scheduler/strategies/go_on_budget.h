//===- go_on_budget.h - Points at which the current thread goes on, decided ahead ===//
//
// Most scheduling points of a plain run change nothing: the strategy lets
// the current thread go on and draws its next quantum. A strategy that can
// decide that ahead of time (RandomStrategy with a preemption rate, which
// draws the number of points until its next preemption at once) hands the
// scheduler its GoOnBudget, and the scheduler answers those points itself,
// inline, with no virtual call: it takes a point from the budget and draws
// the quantum from the strategy's own generator, exactly what the
// strategy's pickNext and nextQuantum would have answered. When the
// scheduler asks anyway (a wrapper that records or traces every point, a
// timer or a returning system call to handle first), the strategy's pickNext
// takes from the same budget: whether a point is answered here or there
// never changes the schedule, so a seed names one schedule with or without
// schedule_out= or trace_out=.
//
// A point costs the budget by the work the current thread did since its
// previous point (Units), not one each: a thread that reaches a point every
// few accesses (a lock, an atomic in a skip list) and one that reaches one
// every quantum of accesses (copying, checksumming) then keep the baton
// for about the same amount of work, as two threads on two cores progress
// at about the same speed, instead of the same number of points, which
// gave the second one hundreds of times the first one's progress.
//
// It must never decide anything the strategy would not have, nor hold
// state the strategy cannot see.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_GO_ON_BUDGET_H
#define WEFT_SCHEDULER_GO_ON_BUDGET_H

#include "prng.h"

#include <cstdint>

namespace weft {

class GoOnBudget {
public:
  /// \p Rng and \p QuantumDraw are the strategy's, and outlive the budget.
  GoOnBudget(Prng &Rng, const IndexDraw &QuantumDraw) : Rng(Rng), QuantumDraw(QuantumDraw) {}

  /// The coming points at which a runnable current thread that does not
  /// yield keeps the baton. 0: the strategy decides the next one itself.
  uint64_t Points = 0;

  /// What the point being decided costs, in units of the points above: the
  /// scheduler sets it before it asks (Scheduler::pointUnits), from the
  /// accesses the current thread made since its previous point.
  uint64_t Units = 1;

  /// Whether the current thread goes on at this point: takes Units from
  /// the countdown if it holds them; if not, the coin came up at this point
  /// (one of its Units tosses) and the caller preempts, leaving Points for
  /// the strategy to draw again. Units == 1 is the plain countdown.
  bool take() {
    if (Points < Units)
      return false;
    Points -= Units;
    return true;
  }

  /// The quantum after a point, in [1, 2*mean]: the strategy's
  /// nextQuantum, here so that the scheduler's inline path draws it too.
  uint32_t quantum() { return 1 + Rng.pickIndex(QuantumDraw); }

private:
  Prng &Rng;
  const IndexDraw &QuantumDraw;
};

} // namespace weft

#endif
