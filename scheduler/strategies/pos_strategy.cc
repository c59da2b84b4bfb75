//===- pos_strategy.cc - Partial-order sampling (POS) ---------------------===//

#include "strategies/pos_strategy.h"

namespace weft {

void PosStrategy::beginExecution(uint64_t Seed) {
  Rng.reseed(Seed);
  Events.clear();
  BucketBits = 4;
  Heads.clear();
  Tails.clear();
  clearBuckets();
  Linked = 0;
  LastPicked = ThreadId::Invalid;
}

// All bits set is kNone. internalMemset, because the compiler turns a
// filling loop into a call of memset, which the program may define
// (test/runtime/no_interceptor_calls.test).
void PosStrategy::clearBuckets() {
  size_t N = size_t(1) << BucketBits;
  Heads.resize(N);
  Tails.resize(N);
  internalMemset(Heads.begin(), 0xff, N * sizeof(uint32_t));
  internalMemset(Tails.begin(), 0xff, N * sizeof(uint32_t));
}

PosStrategy::Event &PosStrategy::eventOf(ThreadId T) {
  if (index(T) >= Events.size()) {
    size_t Old = Events.size();
    Events.resize(index(T) + 1);
    for (size_t I = Old; I < Events.size(); ++I)
      Events[I].Prev = Events[I].Next = kNone;
  }
  Event &E = Events[index(T)];
  if (E.Priority == 0)
    E.Priority = freshPriority();
  return E;
}

void PosStrategy::link(uint32_t I) {
  size_t B = bucketOf(Events[I].Object);
  Events[I].Prev = Tails[B];
  Events[I].Next = kNone;
  if (Tails[B] == kNone)
    Heads[B] = I;
  else
    Events[Tails[B]].Next = I;
  Tails[B] = I;
  ++Linked;
}

void PosStrategy::unlink(uint32_t I) {
  size_t B = bucketOf(Events[I].Object);
  Event &E = Events[I];
  if (E.Prev == kNone)
    Heads[B] = E.Next;
  else
    Events[E.Prev].Next = E.Next;
  if (E.Next == kNone)
    Tails[B] = E.Prev;
  else
    Events[E.Next].Prev = E.Prev;
  E.Prev = E.Next = kNone;
  --Linked;
}

// Doubles the buckets. Each old bucket's list is moved in order, so events
// about one object (all in one bucket) keep their relative order.
void PosStrategy::grow() {
  size_t OldCount = Heads.size();
  InternalVector<uint32_t> Order;
  for (size_t B = 0; B < OldCount; ++B)
    for (uint32_t I = Heads[B]; I != kNone; I = Events[I].Next)
      Order.push_back(I);
  ++BucketBits;
  clearBuckets();
  Linked = 0;
  for (uint32_t I : Order)
    link(I);
}

void PosStrategy::setObject(uint32_t I, PointObject O) {
  if (Events[I].Object == O)
    return;
  if (Events[I].Object != 0)
    unlink(I);
  Events[I].Object = O;
  if (O != 0) {
    if (2 * (Linked + 1) > Heads.size())
      grow();
    link(I);
  }
}

ThreadId PosStrategy::pickNext(const ThreadId *Runnable, size_t NumRunnable,
                               ThreadId Current, PointKind, PointObject Object) {
  // The event the last picked thread was about has now executed: pending
  // events that conflict with it are re-sampled, oldest first.
  if (LastPicked != ThreadId::Invalid) {
    uint32_t Self = index(LastPicked);
    PointObject Done = eventOf(LastPicked).Object;
    if (Done != 0)
      for (uint32_t I = Heads[bucketOf(Done)]; I != kNone; I = Events[I].Next)
        if (I != Self && Events[I].Object == Done)
          Events[I].Priority = freshPriority();
  }
  // The current thread stands at a new event.
  if (Current != ThreadId::Invalid) {
    Event &E = eventOf(Current);
    E.Priority = freshPriority();
    setObject(index(Current), Object);
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
  return 1 + Rng.pickIndex(QuantumDraw);
}

uint32_t PosStrategy::choose(ChoiceKind, uint32_t N) { return Rng.pickIndex(N); }

} // namespace weft
