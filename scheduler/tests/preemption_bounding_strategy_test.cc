//===- preemption_bounding_strategy_test.cc - Preemption bounding ---------===//

#include "strategies/preemption_bounding_strategy.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>
#include <vector>

using namespace weft;

namespace {

const ThreadId kTwo[] = {ThreadId(0), ThreadId(1)};
const ThreadId kThree[] = {ThreadId(0), ThreadId(1), ThreadId(2)};

/// Threads 0..N-1 always runnable, Steps sync points: who ran at each.
std::vector<uint32_t> transcript(PreemptionBoundingStrategy &S, const ThreadId *Runnable,
                                 size_t N, int Steps) {
  S.beginExecution(0);
  std::vector<uint32_t> Out;
  ThreadId Cur = ThreadId(0);
  for (int I = 0; I < Steps; ++I) {
    Cur = S.pickNext(Runnable, N, Cur, PointKind::Sync, 0);
    Out.push_back(index(Cur));
  }
  return Out;
}

int preemptions(const std::vector<uint32_t> &T) {
  int P = 0;
  for (size_t I = 1; I < T.size(); ++I)
    P += T[I] != T[I - 1];
  return P + (T.empty() || T[0] != 0 ? 1 : 0);
}

TEST(PreemptionBoundingStrategyTest, CountsSchedulesUpToTheBound) {
  // 1 + 10 + C(10,2) with 10 units.
  EXPECT_EQ(PreemptionBoundingStrategy::scheduleCount(2, 10, 1), 1u + 10u + 45u);
  EXPECT_EQ(PreemptionBoundingStrategy::scheduleCount(0, 10, 3), 1u);
  EXPECT_EQ(PreemptionBoundingStrategy::scheduleCount(3, 5, 2), 1u + 10u + 45u + 120u);
  EXPECT_EQ(PreemptionBoundingStrategy::scheduleCount(4, uint64_t(1) << 40, 2), UINT64_MAX);
}

TEST(PreemptionBoundingStrategyTest, IndexZeroNeverPreempts) {
  PreemptionBoundingStrategy S(2, 20, 1, 0, 7);
  std::vector<uint32_t> T = transcript(S, kTwo, 2, 30);
  EXPECT_EQ(std::set<uint32_t>(T.begin(), T.end()), std::set<uint32_t>{0});
  EXPECT_EQ(S.numUnits(), 0u);
  EXPECT_EQ(S.nextQuantum(), 7u);
}

TEST(PreemptionBoundingStrategyTest, EnumeratesEveryScheduleOnceFewestPreemptionsFirst) {
  // Two threads, 8 steps, bound 2: every index names a distinct unit set,
  // sizes never decrease, and the units lie on the steps.
  const uint64_t Steps = 8;
  uint64_t Total = PreemptionBoundingStrategy::scheduleCount(2, Steps, 1);
  std::set<std::vector<uint64_t>> Seen;
  size_t LastSize = 0;
  for (uint64_t I = 0; I < Total; ++I) {
    PreemptionBoundingStrategy S(2, Steps, 1, I, 1);
    S.beginExecution(0);
    ASSERT_GE(S.numUnits(), LastSize) << I;
    LastSize = S.numUnits();
    std::vector<uint64_t> Units;
    for (size_t U = 0; U < S.numUnits(); ++U) {
      EXPECT_GE(S.unitStep(U), 1u);
      EXPECT_LE(S.unitStep(U), Steps);
      if (U)
        EXPECT_LT(S.unitStep(U - 1), S.unitStep(U));
      Units.push_back(S.unitStep(U));
    }
    EXPECT_TRUE(Seen.insert(Units).second) << "index " << I << " repeats a schedule";
  }
  EXPECT_EQ(Seen.size(), Total);
  // Past the last index it wraps around.
  PreemptionBoundingStrategy Wrapped(2, Steps, 1, Total + 3, 1), Same(2, Steps, 1, 3, 1);
  EXPECT_EQ(transcript(Wrapped, kTwo, 2, 12), transcript(Same, kTwo, 2, 12));
}

TEST(PreemptionBoundingStrategyTest, PreemptsExactlyAtItsUnits) {
  const uint64_t Steps = 10;
  uint64_t Total = PreemptionBoundingStrategy::scheduleCount(2, Steps, 1);
  std::set<std::vector<uint32_t>> Distinct;
  for (uint64_t I = 0; I < Total; ++I) {
    PreemptionBoundingStrategy S(2, Steps, 1, I, 1);
    std::vector<uint32_t> T = transcript(S, kTwo, 2, int(Steps) + 5);
    EXPECT_EQ(size_t(preemptions(T)), S.numUnits()) << I;
    for (size_t U = 0; U < S.numUnits(); ++U) {
      size_t At = S.unitStep(U) - 1; // the pick at that step switches
      uint32_t Before = At ? T[At - 1] : 0;
      EXPECT_NE(T[At], Before) << I;
    }
    Distinct.insert(T);
  }
  // With two threads, distinct unit sets are distinct interleavings.
  EXPECT_EQ(Distinct.size(), Total);
}

TEST(PreemptionBoundingStrategyTest, RanksChooseAmongTheOtherThreads) {
  // Width 2 with three threads: a unit of rank 0 switches to the next id,
  // rank 1 to the one after.
  std::set<uint32_t> Targets;
  for (uint64_t I = 1; I <= 2; ++I) {
    PreemptionBoundingStrategy S(1, 1, 2, I, 1);
    std::vector<uint32_t> T = transcript(S, kThree, 3, 3);
    Targets.insert(T[0]);
  }
  EXPECT_EQ(Targets, (std::set<uint32_t>{1, 2}));
}

TEST(PreemptionBoundingStrategyTest, FreeSwitchesWhenTheCurrentThreadCannotGoOn) {
  PreemptionBoundingStrategy S(0, 10, 1, 0, 1);
  S.beginExecution(0);
  const ThreadId OnlyTwo[] = {ThreadId(2)};
  // Thread 0 blocked: the next runnable in id order runs, no unit needed.
  EXPECT_EQ(S.pickNext(kThree + 1, 2, ThreadId(0), PointKind::Block, 0), ThreadId(1));
  EXPECT_EQ(S.pickNext(OnlyTwo, 1, ThreadId(1), PointKind::ThreadExit, 0), ThreadId(2));
  // A yield hands over; wrapping past the highest id.
  EXPECT_EQ(S.pickNext(kThree, 3, ThreadId(2), PointKind::Yield, 0), ThreadId(0));
}

TEST(PreemptionBoundingStrategyTest, AThreadSpinningWithoutYieldHandsOverEventually) {
  PreemptionBoundingStrategy S(0, 10, 1, 0, 1);
  S.beginExecution(0);
  ThreadId Cur = ThreadId(0);
  uint32_t Picks = 0;
  while (Cur == ThreadId(0) && Picks < 2 * PreemptionBoundingStrategy::kStarvationLimit) {
    Cur = S.pickNext(kTwo, 2, Cur, PointKind::Access, 0);
    ++Picks;
  }
  EXPECT_EQ(Cur, ThreadId(1));
  EXPECT_LE(Picks, PreemptionBoundingStrategy::kStarvationLimit + 2);
}

TEST(PreemptionBoundingStrategyTest, ChoicesAreDeterministic) {
  PreemptionBoundingStrategy S(2, 10, 1, 5, 1);
  S.beginExecution(0);
  EXPECT_EQ(S.choose(ChoiceKind::WakeWaiter, 3), 0u);
  EXPECT_EQ(S.choose(ChoiceKind::TimeoutEarly, 2), 0u);
}

} // namespace
