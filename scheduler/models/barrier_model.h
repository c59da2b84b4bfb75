//===- barrier_model.h - Scheduler-side model of pthread barriers ---------===//
//
// Threads arriving at a barrier block in the scheduler until the round is
// complete; the last arrival releases the whole round at once. Which thread
// of the round gets PTHREAD_BARRIER_SERIAL_THREAD is a strategy choice, so a
// program that assumes a particular one (say, the last to arrive) is caught.
// Happens-before is the runtime's; round() tells it who was in the round
// that just completed (every arrival happens before every departure).
//
// State machine (Arrived of Count):
//
//   state                event                  result / next state
//   -------------------  ---------------------  -------------------------------
//   Arrived < Count - 1  arrive by T            Arrived + 1; T blocks until
//                                               its round completes
//   Arrived == Count - 1 arrive by T            round complete: one arrival
//                                               (strategy's choice) is Serial,
//                                               all are released, Arrived 0;
//                                               T returns without blocking
//   released waiter      woken                  returns Serial or not
//
// A thread of the next round that arrives before a released waiter has run
// again waits for the next round: each arrival carries its own "released"
// flag, so rounds never mix.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_BARRIER_MODEL_H
#define WEFT_SCHEDULER_BARRIER_MODEL_H

#include "models/mutex_model.h"

namespace weft {

struct BarrierArrival {
  bool Serial = false;    // this thread gets PTHREAD_BARRIER_SERIAL_THREAD
  bool Completed = false; // this thread's arrival completed the round
};

class BarrierModel {
public:
  explicit BarrierModel(uint32_t Count = 1) : Count(Count) {}

  /// Arrives and returns once Count threads have arrived in this round.
  BarrierArrival arrive(Scheduler &S, uintptr_t Addr);
  /// The threads of the round the current thread just completed, in arrival
  /// order; valid in the completing thread right after arrive().
  const InternalVector<ThreadId> &round() const { return LastRound; }
  uint32_t count() const { return Count; }
  uint32_t waiting() const { return static_cast<uint32_t>(Arrivals.size()); }

private:
  struct Arrival {
    ThreadId Id;
    bool *Serial;   // on the arriving thread's stack; valid while it waits
    bool *Released;
  };

  uint32_t Count; // invariant: >= 1
  InternalVector<Arrival> Arrivals; // the current round, in arrival order
  InternalVector<ThreadId> LastRound;
  WaitQueue Waiters;
};

} // namespace weft

#endif
