//===- pos_strategy.h - Partial-order sampling (POS) ----------------------===//
//
// Yuan, Yang, Gu: "Partial Order Aware Concurrency Sampling", CAV 2018.
// Every pending event carries a random priority and the runnable thread whose
// pending event has the highest priority runs. After an event executes, the
// pending events that conflict with it draw new priorities; the others keep
// theirs. Compared with a random walk this samples partial orders (classes of
// equivalent interleavings) far more evenly: independent events do not
// multiply the number of ways to order the conflicting ones.
//
// Events at weft's scheduling points: a thread's event is the step it is
// about to take, from the point where it waits to its next point. It is about
// the point's object (the mutex it locks or unlocks, the condition variable,
// the atomic location; see PointObject), or about nothing (an access point,
// thread start). Two events conflict when they are about the same non-zero
// object: reads are not told apart from writes, which only makes us resample
// more often than the paper, never less. A thread's new event (after it ran)
// always gets a fresh priority, so a thread spinning on a flag loses to a
// waiting thread with positive probability at each spin: POS is fair with
// probability one.
//
// State is per thread (by id): the priority of its pending event and the
// object it is about. Cost per scheduling point (issue 12 item 4): finding
// the conflicting events must not visit every thread that ever ran, so the
// pending events about an object are chained in a list reached through a
// table keyed by the object. The key is hashed only to find that list:
// events about one object stay in the order they were made pending, whatever
// bucket the address lands in, and are resampled in that order, so the
// decisions never depend on the address-space layout. Choosing the highest
// priority is one pass over the runnable ids with one array read each.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_POS_STRATEGY_H
#define WEFT_SCHEDULER_POS_STRATEGY_H

#include "base/internal_vector.h"
#include "prng.h"
#include "strategies/strategy.h"

namespace weft {

class PosStrategy final : public Strategy {
public:
  explicit PosStrategy(uint32_t MeanQuantum) : QuantumDraw(2 * MeanQuantum) {}

  void beginExecution(uint64_t Seed) override;
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable,
                    ThreadId Current, PointKind Kind,
                    PointObject Object) override;
  uint32_t nextQuantum() override;
  uint32_t choose(ChoiceKind Kind, uint32_t N) override;

  /// The priority of \p T's pending event (for tests); 0 if unknown.
  uint64_t priority(ThreadId T) const {
    return index(T) < Events.size() ? Events[index(T)].Priority : 0;
  }

private:
  static constexpr uint32_t kNone = ~uint32_t(0);
  struct Event {
    uint64_t Priority = 0; // 0: the thread has not been seen yet
    PointObject Object = 0;
    // Neighbours (thread indexes) among the pending events of the same
    // bucket, oldest first; kNone at the ends. Linked iff Object != 0.
    uint32_t Prev = kNone, Next = kNone;
  };
  Event &eventOf(ThreadId T);
  uint64_t freshPriority() {
    uint64_t P;
    do
      P = Rng.next();
    while (P == 0);
    return P;
  }
  size_t bucketOf(PointObject O) const {
    // Fibonacci hashing: only finds the list; never orders anything.
    return size_t((uint64_t(O) * 0x9e3779b97f4a7c15ULL) >> (64 - BucketBits));
  }
  void link(uint32_t I);
  void unlink(uint32_t I);
  void grow();
  void clearBuckets();
  /// The event of \p T is now about \p O (0: nothing).
  void setObject(uint32_t I, PointObject O);

  Prng Rng;
  IndexDraw QuantumDraw; // [0, 2*MeanQuantum)
  InternalVector<Event> Events; // indexed by thread id
  // Bucket heads and tails (thread indexes, kNone when empty); 2^BucketBits
  // of them, at least twice as many as linked events.
  InternalVector<uint32_t> Heads, Tails;
  uint32_t BucketBits = 0;
  size_t Linked = 0;
  ThreadId LastPicked = ThreadId::Invalid;
};

} // namespace weft

#endif
