//===- pos_strategy_test.cc - POS: priorities on events, conflicts --------===//

#include "strategies/pos_strategy.h"

#include <gtest/gtest.h>

#include <vector>

using namespace weft;

namespace {

const ThreadId kThree[] = {ThreadId(0), ThreadId(1), ThreadId(2)};

TEST(PosStrategyTest, SameSeedSameRun) {
  auto Run = [](uint64_t Seed) {
    PosStrategy S(4);
    S.beginExecution(Seed);
    std::vector<uint32_t> Out;
    ThreadId Cur = ThreadId(0);
    for (int I = 0; I < 100; ++I) {
      Cur = S.pickNext(kThree, 3, Cur, PointKind::Sync, PointObject(I % 3));
      Out.push_back(index(Cur));
    }
    return Out;
  };
  EXPECT_EQ(Run(4), Run(4));
  EXPECT_NE(Run(4), Run(5));
}

TEST(PosStrategyTest, PicksTheRunnableThreadWithTheHighestPriority) {
  PosStrategy S(4);
  S.beginExecution(1);
  ThreadId T = S.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0x10);
  for (ThreadId U : kThree)
    EXPECT_LE(S.priority(U), S.priority(T));
}

TEST(PosStrategyTest, ConflictingPendingEventsAreResampledAndOthersKept) {
  PosStrategy S(4);
  S.beginExecution(2);
  // T1 waits on object A, T2 on object B (their last points).
  ThreadId Cur = ThreadId(1);
  S.pickNext(kThree, 3, Cur, PointKind::Sync, 0xA);
  S.pickNext(kThree, 3, ThreadId(2), PointKind::Sync, 0xB);
  // Now T0 stands at an event on A, and is picked by force of a lone set.
  const ThreadId OnlyZero[] = {ThreadId(0)};
  S.pickNext(OnlyZero, 1, ThreadId(0), PointKind::Sync, 0xA);
  uint64_t P1 = S.priority(ThreadId(1)), P2 = S.priority(ThreadId(2));
  // T0's event on A executes; at its next point T1 (on A) is resampled and
  // T2 (on B) keeps its priority.
  S.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0xC);
  EXPECT_NE(S.priority(ThreadId(1)), P1);
  EXPECT_EQ(S.priority(ThreadId(2)), P2);
}

TEST(PosStrategyTest, ASpinningThreadLosesEventually) {
  PosStrategy S(4);
  S.beginExecution(3);
  const ThreadId Two[] = {ThreadId(0), ThreadId(1)};
  ThreadId Cur = S.pickNext(Two, 2, ThreadId(0), PointKind::Sync, 0x1);
  ThreadId First = Cur;
  int I = 0;
  while (Cur == First && I < 1000) {
    Cur = S.pickNext(Two, 2, Cur, PointKind::Sync, 0x1);
    ++I;
  }
  EXPECT_NE(Cur, First);
}

} // namespace

namespace {

// The same run with every object at another address (another ASLR layout)
// makes the same decisions: addresses find lists, they never order them.
TEST(PosStrategyTest, DecisionsDoNotDependOnObjectAddresses) {
  auto Run = [](uint64_t Base, uint64_t Stride) {
    PosStrategy S(4);
    S.beginExecution(21);
    std::vector<ThreadId> All;
    for (uint32_t I = 0; I < 40; ++I)
      All.push_back(ThreadId(I));
    std::vector<uint32_t> Out;
    ThreadId Cur = ThreadId(0);
    for (int I = 0; I < 2000; ++I) {
      PointObject O = I % 5 ? PointObject(Base + Stride * (I % 7)) : 0;
      Cur = S.pickNext(All.data(), All.size(), Cur, PointKind::Sync, O);
      Out.push_back(index(Cur));
    }
    return Out;
  };
  std::vector<uint32_t> A = Run(0x1000, 64);
  EXPECT_EQ(A, Run(0x7f3a55000000, 64));
  EXPECT_EQ(A, Run(0x10, 1 << 20));
}

// Many threads pending on many objects: only the events about the object
// that just executed are resampled, and each is resampled once.
TEST(PosStrategyTest, OnlyEventsAboutTheExecutedObjectAreResampled) {
  PosStrategy S(4);
  S.beginExecution(8);
  const uint32_t N = 1000;
  std::vector<ThreadId> All;
  for (uint32_t I = 0; I < N; ++I)
    All.push_back(ThreadId(I));
  // Thread I stands at an event about object 1 + I % 10.
  for (uint32_t I = 0; I < N; ++I) {
    const ThreadId Only[] = {ThreadId(I)};
    S.pickNext(Only, 1, ThreadId(I), PointKind::Sync, PointObject(1 + I % 10));
  }
  // The last pick was thread N-1, about object 1 + (N-1) % 10 == 10.
  std::vector<uint64_t> Before;
  for (uint32_t I = 0; I < N; ++I)
    Before.push_back(S.priority(ThreadId(I)));
  const ThreadId Zero[] = {ThreadId(0)};
  S.pickNext(Zero, 1, ThreadId(N - 1), PointKind::Sync, 0);
  for (uint32_t I = 0; I + 1 < N; ++I) {
    if (1 + I % 10 == 10)
      EXPECT_NE(S.priority(ThreadId(I)), Before[I]) << I;
    else
      EXPECT_EQ(S.priority(ThreadId(I)), Before[I]) << I;
  }
}

} // namespace
