//===- pos_strategy.cc - Partial-order sampling (POS) ---------------------===//

#include "strategies/pos_strategy.h"

namespace weft {

void PosStrategy::beginExecution(uint64_t Seed) {
  Rng.reseed(Seed);
  Events.clear();
  LastPicked = ThreadId::Invalid;
}

PosStrategy::Event &PosStrategy::eventOf(ThreadId T) {
  if (index(T) >= Events.size())
    Events.resize(index(T) + 1);
  Event &E = Events[index(T)];
  if (E.Priority == 0)
    E.Priority = freshPriority();
  return E;
}

ThreadId PosStrategy::pickNext(const ThreadId *Runnable, size_t NumRunnable,
                               ThreadId Current, PointKind, PointObject Object) {
  // The event the last picked thread was about has now executed: pending
  // events that conflict with it are re-sampled.
  if (LastPicked != ThreadId::Invalid) {
    PointObject Done = eventOf(LastPicked).Object;
    if (Done != 0)
      for (size_t I = 0; I < Events.size(); ++I)
        if (I != index(LastPicked) && Events[I].Priority != 0 &&
            Events[I].Object == Done)
          Events[I].Priority = freshPriority();
  }
  // The current thread stands at a new event.
  if (Current != ThreadId::Invalid) {
    Event &E = eventOf(Current);
    E.Priority = freshPriority();
    E.Object = Object;
  }
  ThreadId Best = Runnable[0];
  uint64_t BestPriority = eventOf(Best).Priority;
  for (size_t I = 1; I < NumRunnable; ++I) {
    uint64_t P = eventOf(Runnable[I]).Priority;
    if (P > BestPriority) {
      Best = Runnable[I];
      BestPriority = P;
    }
  }
  LastPicked = Best;
  return Best;
}

uint32_t PosStrategy::nextQuantum() {
  return 1 + Rng.pickIndex(2 * MeanQuantum);
}

uint32_t PosStrategy::choose(ChoiceKind, uint32_t N) { return Rng.pickIndex(N); }

} // namespace weft
