//===- clock_slots_test.cc - Slot reuse against clocks that never reuse ---===//
//
// Reusing a dead thread's clock slot must change no happens-before answer.
// The differential test runs random programs of thread creations, exits,
// joins, lock releases and acquires and accesses twice: once with clocks
// indexed by clock slot, slots reused by ClockSlots (as the runtime does),
// and once with the plainest reference, std::map clocks indexed by thread id
// where no index is ever reused. After every operation every access ever
// made must be ordered before every live thread in one model exactly when it
// is in the other, and ownerOf must name the thread that made it. Failures
// print the seed; rerun with that seed to reproduce.
//
//===----------------------------------------------------------------------===//

#include "core/clock_slots.h"

#include "prng.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <vector>

using namespace weft;

namespace {

using RefClock = std::map<uint32_t, Epoch>; // thread id -> epoch, absent = 0

Epoch refGet(const RefClock &C, uint32_t T) {
  auto It = C.find(T);
  return It == C.end() ? 0 : It->second;
}
void refJoin(RefClock &A, const RefClock &B) {
  for (auto &[T, E] : B)
    if (E > refGet(A, T))
      A[T] = E;
}

/// One thread in both models.
struct Thread {
  uint32_t Tid;
  bool Finished = false, Joined = false;
  // Reuse model (the runtime's): a slot, its epoch, a slot-indexed clock.
  Sid Slot = Sid::Invalid;
  Epoch Cur = 0;
  std::unique_ptr<VectorClock> Clock = std::make_unique<VectorClock>();
  std::unique_ptr<VectorClock> Final = std::make_unique<VectorClock>();
  // Reference model: epochs per thread id, never reused.
  Epoch RefCur = 0;
  RefClock Ref, RefFinal;
};

/// A lock (or any release/acquire location) in both models.
struct Lock {
  std::unique_ptr<VectorClock> Clock = std::make_unique<VectorClock>();
  RefClock Ref;
};

/// An access some thread made: how the shadow would remember it in each
/// model.
struct Access {
  uint32_t Tid;
  Sid Slot;
  Epoch E;    // epoch on Slot
  Epoch RefE; // epoch of thread Tid
};

class World {
public:
  World() { start(nullptr); }

  std::vector<Thread> Threads;
  std::vector<Lock> Locks{4};
  std::vector<Access> Accesses;
  ClockSlots Slots;

  uint32_t start(Thread *Creator) {
    uint32_t Tid = uint32_t(Threads.size());
    int64_t CreatorTid = Creator ? int64_t(Creator->Tid) : -1;
    Threads.emplace_back();
    Thread &T = Threads.back();
    Creator = CreatorTid >= 0 ? &Threads[size_t(CreatorTid)] : nullptr; // emplace_back moved it
    T.Tid = Tid;
    VectorClock Empty;
    const VectorClock &From = Creator ? *Creator->Clock : Empty;
    T.Clock->assign(From);
    ClockSlots::Grant G = Slots.acquire(ThreadId(Tid), From);
    T.Slot = G.Slot;
    T.Cur = G.First;
    T.Clock->set(T.Slot, T.Cur);
    if (Creator)
      T.Ref = Creator->Ref;
    T.RefCur = 1;
    T.Ref[Tid] = 1;
    if (Creator)
      tick(*Creator); // the creator's later accesses are not the child's
    return Tid;
  }
  void tick(Thread &T) {
    T.Clock->set(T.Slot, ++T.Cur);
    T.Ref[T.Tid] = ++T.RefCur;
  }
  void exit(Thread &T) {
    T.Final->assign(*T.Clock);
    T.RefFinal = T.Ref;
    T.Finished = true;
    Slots.release(T.Slot, T.Cur);
  }
  void join(Thread &J, Thread &T) {
    J.Clock->join(*T.Final);
    refJoin(J.Ref, T.RefFinal);
    T.Joined = true;
  }
  void release(Thread &T, Lock &L) {
    L.Clock->join(*T.Clock);
    refJoin(L.Ref, T.Ref);
    tick(T);
  }
  void acquire(Thread &T, Lock &L) {
    T.Clock->join(*L.Clock);
    refJoin(T.Ref, L.Ref);
  }
  void access(Thread &T) { Accesses.push_back({T.Tid, T.Slot, T.Cur, T.RefCur}); }

  /// Every access against every live thread, in both models.
  void check() {
    for (const Thread &T : Threads) {
      if (T.Finished)
        continue;
      for (const Access &A : Accesses) {
        bool Reuse = A.Slot == T.Slot || A.E <= T.Clock->get(A.Slot);
        bool Ref = A.Tid == T.Tid || A.RefE <= refGet(T.Ref, A.Tid);
        ASSERT_EQ(Reuse, Ref) << "access by thread " << A.Tid << " at epoch " << A.E
                              << " of slot " << index(A.Slot) << ", seen from thread "
                              << T.Tid << " on slot " << index(T.Slot);
      }
    }
    for (const Access &A : Accesses)
      ASSERT_EQ(index(Slots.ownerOf(A.Slot, A.E)), A.Tid)
          << "slot " << index(A.Slot) << " epoch " << A.E;
  }
};

TEST(ClockSlotsTest, JoinedThreadsShareOneSlot) {
  World W;
  for (int I = 0; I < 1000; ++I) {
    uint32_t T = W.start(&W.Threads[0]);
    W.access(W.Threads[T]);
    W.exit(W.Threads[T]);
    W.join(W.Threads[0], W.Threads[T]);
  }
  W.access(W.Threads[0]);
  // The main thread's slot and one more, reused 999 times.
  EXPECT_EQ(W.Slots.size(), 2u);
  EXPECT_EQ(W.Slots.reuses(), 999u);
  EXPECT_LE(W.Threads[0].Clock->size(), 4u);
  W.check();
}

TEST(ClockSlotsTest, UnsynchronizedEndKeepsTheSlot) {
  World W;
  Thread *Main = &W.Threads[0];
  uint32_t A = W.start(Main);
  W.access(W.Threads[A]);
  W.exit(W.Threads[A]); // detached: nobody joins it
  uint32_t B = W.start(&W.Threads[0]);
  EXPECT_NE(W.Threads[B].Slot, W.Threads[A].Slot);
  // A release before its end is not its end: still no reuse.
  uint32_t C = W.start(&W.Threads[0]);
  W.release(W.Threads[C], W.Locks[0]);
  W.exit(W.Threads[C]);
  W.acquire(W.Threads[0], W.Locks[0]);
  uint32_t D = W.start(&W.Threads[0]);
  EXPECT_NE(W.Threads[D].Slot, W.Threads[C].Slot);
  EXPECT_NE(W.Threads[D].Slot, W.Threads[A].Slot);
  // Its end seen through a third thread that joined it: reused.
  W.join(W.Threads[B], W.Threads[A]);
  W.release(W.Threads[B], W.Locks[1]);
  W.acquire(W.Threads[0], W.Locks[1]);
  uint32_t E = W.start(&W.Threads[0]);
  EXPECT_EQ(W.Threads[E].Slot, W.Threads[A].Slot);
  EXPECT_EQ(W.Threads[E].Cur, W.Threads[A].Cur + 1);
  W.access(W.Threads[E]);
  W.check();
}

TEST(ClockSlotsTest, OwnerOfNamesEachEpochRange) {
  World W;
  uint32_t Prev = 0;
  for (int I = 0; I < 5; ++I) {
    uint32_t T = W.start(&W.Threads[0]);
    for (int J = 0; J <= I; ++J) {
      W.access(W.Threads[T]);
      W.tick(W.Threads[T]);
    }
    W.exit(W.Threads[T]);
    W.join(W.Threads[0], W.Threads[T]);
    if (I)
      EXPECT_EQ(W.Threads[T].Slot, W.Threads[Prev].Slot);
    Prev = T;
  }
  W.check();
}

// Differential test: random programs, full comparison after every step.
class ClockSlotsDifferential : public ::testing::TestWithParam<uint64_t> {};

TEST_P(ClockSlotsDifferential, MatchesNeverReusingClocks) {
  const uint64_t Seed = GetParam();
  SCOPED_TRACE(::testing::Message() << "seed " << Seed);
  Prng R(Seed);
  World W;
  auto pickLive = [&]() -> Thread * {
    std::vector<uint32_t> Live;
    for (const Thread &T : W.Threads)
      if (!T.Finished)
        Live.push_back(T.Tid);
    return &W.Threads[Live[R.pickIndex(uint32_t(Live.size()))]];
  };
  auto pickFinished = [&](bool Unjoined) -> Thread * {
    std::vector<uint32_t> Done;
    for (const Thread &T : W.Threads)
      if (T.Finished && !(Unjoined && T.Joined))
        Done.push_back(T.Tid);
    if (Done.empty())
      return nullptr;
    return &W.Threads[Done[R.pickIndex(uint32_t(Done.size()))]];
  };
  for (int Op = 0; Op < 400; ++Op) {
    switch (R.pickIndex(8)) {
    case 0: { // create, from any live thread
      uint32_t Tid = W.start(pickLive());
      W.access(W.Threads[Tid]);
      break;
    }
    case 1: { // a thread other than the main one ends (maybe never joined)
      Thread *T = pickLive();
      if (T->Tid != 0)
        W.exit(*T);
      break;
    }
    case 2: // join: usually an unjoined thread, sometimes any
      if (Thread *T = pickFinished(!R.chance(1, 5)))
        W.join(*pickLive(), *T);
      break;
    case 3:
      W.release(*pickLive(), W.Locks[R.pickIndex(uint32_t(W.Locks.size()))]);
      break;
    case 4:
      W.acquire(*pickLive(), W.Locks[R.pickIndex(uint32_t(W.Locks.size()))]);
      break;
    default:
      W.access(*pickLive());
      break;
    }
    W.check();
    if (::testing::Test::HasFatalFailure())
      return;
  }
  // Sanity of the test itself: some slots were reused, or it proves little.
  EXPECT_GT(W.Slots.reuses(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, ClockSlotsDifferential, ::testing::Range<uint64_t>(1, 41));

} // namespace
