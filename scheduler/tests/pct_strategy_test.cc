//===- pct_strategy_test.cc - PCT: priorities, change points, fairness ----===//

#include "strategies/pct_strategy.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

using namespace weft;

namespace {

const ThreadId kThree[] = {ThreadId(0), ThreadId(1), ThreadId(2)};

std::vector<uint32_t> transcript(PctStrategy &S, uint64_t Seed, int Steps) {
  S.beginExecution(Seed);
  std::vector<uint32_t> Out;
  ThreadId Cur = ThreadId(0);
  for (int I = 0; I < Steps; ++I) {
    Cur = S.pickNext(kThree, 3, Cur, PointKind::Sync, 0);
    Out.push_back(index(Cur));
  }
  return Out;
}

TEST(PctStrategyTest, SameSeedSameRun) {
  PctStrategy A(3, 50, 4), B(3, 50, 4);
  EXPECT_EQ(transcript(A, 7, 60), transcript(B, 7, 60));
  EXPECT_EQ(transcript(A, 7, 60), transcript(B, 7, 60));
}

TEST(PctStrategyTest, DrawsDepthMinusOneDistinctChangePointsWithinTheEstimate) {
  for (uint64_t Seed = 0; Seed < 200; ++Seed) {
    PctStrategy S(4, 20, 4);
    S.beginExecution(Seed);
    const InternalVector<uint64_t> &C = S.changePoints();
    ASSERT_EQ(C.size(), 3u);
    for (size_t I = 0; I < C.size(); ++I) {
      EXPECT_GE(C[I], 1u);
      EXPECT_LE(C[I], 20u);
      if (I)
        EXPECT_LT(C[I - 1], C[I]);
    }
  }
  PctStrategy Tiny(5, 2, 4);
  Tiny.beginExecution(1);
  EXPECT_EQ(Tiny.changePoints().size(), 2u);
}

TEST(PctStrategyTest, DepthOneRunsTheHighestPriorityThreadUntilItBlocks) {
  // No change points: the same thread runs at every point.
  for (uint64_t Seed = 0; Seed < 50; ++Seed) {
    PctStrategy S(1, 100, 4);
    std::vector<uint32_t> T = transcript(S, Seed, 40);
    EXPECT_EQ(std::set<uint32_t>(T.begin(), T.end()).size(), 1u) << Seed;
  }
}

TEST(PctStrategyTest, AChangePointSwitchesToAnotherThreadForGood) {
  PctStrategy S(2, 30, 4);
  S.beginExecution(11);
  uint64_t Change = S.changePoints()[0];
  std::vector<uint32_t> T = transcript(S, 11, 60);
  for (uint64_t I = 1; I + 1 < Change; ++I)
    EXPECT_EQ(T[I], T[0]) << "step " << I + 1;
  for (uint64_t I = Change; I < T.size(); ++I)
    EXPECT_EQ(T[I], T[Change - 1]) << "step " << I + 1;
  EXPECT_NE(T[Change - 1], T[0]);
}

TEST(PctStrategyTest, EveryInitialOrderIsPossible) {
  std::set<std::vector<uint32_t>> Orders;
  for (uint64_t Seed = 0; Seed < 300; ++Seed) {
    PctStrategy S(1, 10, 4);
    S.beginExecution(Seed);
    S.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0);
    std::vector<uint32_t> O;
    for (ThreadId T : S.priorityOrder())
      O.push_back(index(T));
    Orders.insert(O);
  }
  EXPECT_EQ(Orders.size(), 6u);
}

TEST(PctStrategyTest, OnlyRunnableThreadsArePicked) {
  PctStrategy S(3, 40, 4);
  S.beginExecution(5);
  const ThreadId Two[] = {ThreadId(1), ThreadId(2)};
  for (int I = 0; I < 100; ++I) {
    ThreadId T = S.pickNext(I % 2 ? Two : kThree, I % 2 ? 2 : 3, ThreadId(0),
                            PointKind::Sync, 0);
    if (I % 2)
      EXPECT_NE(T, ThreadId(0));
  }
}

TEST(PctStrategyTest, YieldingDropsToTheLowestPriority) {
  PctStrategy S(1, 100, 4);
  S.beginExecution(3);
  ThreadId Top = S.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0);
  ThreadId After = S.pickNext(kThree, 3, Top, PointKind::Yield, 0);
  EXPECT_NE(After, Top);
  EXPECT_EQ(S.priorityOrder()[2], Top);
}

TEST(PctStrategyTest, ASpinningThreadCannotStarveTheOthers) {
  PctStrategy S(1, 100, 4);
  S.beginExecution(9);
  ThreadId First = S.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0);
  bool Switched = false;
  for (uint32_t I = 0; I < PctStrategy::kStarvationLimit + 1 && !Switched; ++I)
    Switched = S.pickNext(kThree, 3, First, PointKind::Sync, 0) != First;
  EXPECT_TRUE(Switched);
}

} // namespace

namespace {

// Threads that came and went leave priorities behind that nobody visits:
// the pick among the live ones is the same as if they had never existed,
// relative to the priorities the live ones hold.
TEST(PctStrategyTest, FinishedThreadsDoNotChangeThePickAmongLiveOnes) {
  PctStrategy S(1, 100, 4);
  S.beginExecution(13);
  // 10,000 threads run one after another, each alone with main (T0).
  for (uint32_t I = 1; I <= 10000; ++I) {
    const ThreadId Pair[] = {ThreadId(0), ThreadId(I)};
    S.pickNext(Pair, 2, ThreadId(0), PointKind::ThreadCreate, 0);
  }
  const ThreadId Live[] = {ThreadId(0), ThreadId(10000)};
  ThreadId Pick = S.pickNext(Live, 2, ThreadId(0), PointKind::Sync, 0);
  const InternalVector<ThreadId> &Order = S.priorityOrder();
  ASSERT_EQ(Order.size(), 10001u);
  size_t Pos0 = 0, PosLast = 0;
  for (size_t I = 0; I < Order.size(); ++I) {
    if (Order[I] == ThreadId(0))
      Pos0 = I;
    if (Order[I] == ThreadId(10000))
      PosLast = I;
  }
  EXPECT_EQ(Pick, Pos0 < PosLast ? ThreadId(0) : ThreadId(10000));
}

} // namespace
