//===- random_strategy_test.cc - The seeded random walk's choices ---------===//
//
// The random strategy must answer from its seed alone (a schedule is the seed)
// and stay inside the bounds the scheduler relies on.
//
//===----------------------------------------------------------------------===//

#include "strategies/random_strategy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

using namespace weft;

namespace {

const ThreadId kRunnable[] = {ThreadId(0), ThreadId(3), ThreadId(4), ThreadId(9)};

std::vector<uint32_t> transcript(RandomStrategy &S, uint64_t Seed) {
  S.beginExecution(Seed);
  std::vector<uint32_t> Out;
  for (int I = 0; I < 50; ++I) {
    Out.push_back(index(S.pickNext(kRunnable, 4, ThreadId(3), PointKind::Sync, 0)));
    Out.push_back(S.nextQuantum());
    Out.push_back(S.choose(ChoiceKind::WakeWaiter, 5));
  }
  return Out;
}

TEST(RandomStrategyTest, SameSeedSameAnswers) {
  RandomStrategy A(8), B(8);
  EXPECT_EQ(transcript(A, 17), transcript(B, 17));
  // beginExecution restarts the stream even on a used strategy.
  EXPECT_EQ(transcript(A, 17), transcript(B, 17));
}

TEST(RandomStrategyTest, DifferentSeedsDiffer) {
  RandomStrategy A(8);
  EXPECT_NE(transcript(A, 17), transcript(A, 18));
}

TEST(RandomStrategyTest, DecisionsComeFromThePinnedPrng) {
  // One pickIndex per decision, in the order asked: this ties the strategy's
  // answers to prng_test's pinned outputs.
  RandomStrategy S(4);
  S.beginExecution(123);
  Prng R(123);
  for (int I = 0; I < 100; ++I) {
    EXPECT_EQ(S.pickNext(kRunnable, 4, ThreadId(0), PointKind::Access, 0),
              kRunnable[R.pickIndex(4)]);
    EXPECT_EQ(S.nextQuantum(), 1 + R.pickIndex(8));
    EXPECT_EQ(S.choose(ChoiceKind::WakeWaiter, 3), R.pickIndex(3));
  }
}

TEST(RandomStrategyTest, PickNextReturnsARunnableThread) {
  RandomStrategy S(1);
  S.beginExecution(5);
  int Seen[10] = {};
  for (int I = 0; I < 4000; ++I) {
    ThreadId T = S.pickNext(kRunnable, 4, ThreadId(0), PointKind::Sync, 0);
    ASSERT_LT(index(T), 10u);
    ++Seen[index(T)];
  }
  // Only listed threads, and every one of them gets picked.
  for (uint32_t I = 0; I < 10; ++I) {
    bool Listed = I == 0 || I == 3 || I == 4 || I == 9;
    if (Listed)
      EXPECT_GT(Seen[I], 800) << "T" << I;
    else
      EXPECT_EQ(Seen[I], 0) << "T" << I;
  }
}

TEST(RandomStrategyTest, SingleRunnableIsAlwaysPicked) {
  RandomStrategy S(3);
  S.beginExecution(9);
  const ThreadId One[] = {ThreadId(7)};
  for (int I = 0; I < 100; ++I)
    ASSERT_EQ(S.pickNext(One, 1, ThreadId(2), PointKind::Block, 0), ThreadId(7));
}

TEST(RandomStrategyTest, QuantumIsWithinBoundsWithTheRequestedMean) {
  for (uint32_t Mean : {1u, 4u, 100u}) {
    RandomStrategy S(Mean);
    S.beginExecution(Mean);
    uint64_t Sum = 0;
    uint32_t Min = UINT32_MAX, Max = 0;
    const int kDraws = 20000;
    for (int I = 0; I < kDraws; ++I) {
      uint32_t Q = S.nextQuantum();
      Sum += Q;
      Min = std::min(Min, Q);
      Max = std::max(Max, Q);
    }
    EXPECT_EQ(Min, 1u) << "mean " << Mean;
    EXPECT_EQ(Max, 2 * Mean) << "mean " << Mean;
    // Uniform in [1, 2M] has mean M + 1/2.
    double Avg = double(Sum) / kDraws;
    EXPECT_NEAR(Avg, Mean + 0.5, 0.05 * Mean + 0.05) << "mean " << Mean;
  }
}

TEST(RandomStrategyTest, ChooseStaysInRange) {
  RandomStrategy S(2);
  S.beginExecution(1);
  for (uint32_t N = 1; N < 40; ++N)
    for (int I = 0; I < 50; ++I)
      ASSERT_LT(S.choose(ChoiceKind::WakeWaiter, N), N);
}

} // namespace

namespace {

TEST(RandomStrategyTest, PreemptionRateControlsHowOftenTheCurrentThreadLosesTheBaton) {
  for (int Rate : {1, 10, 50, 100}) {
    RandomStrategy S(4, Rate);
    S.beginExecution(uint64_t(Rate));
    int Switches = 0;
    const int kPoints = 20000;
    int Seen[10] = {};
    for (int I = 0; I < kPoints; ++I) {
      ThreadId T = S.pickNext(kRunnable, 4, ThreadId(3), PointKind::Sync, 0);
      Switches += T != ThreadId(3);
      ++Seen[index(T)];
    }
    EXPECT_NEAR(double(Switches) / kPoints, Rate / 100.0, 0.02) << "rate " << Rate;
    // Every other runnable thread still gets turns: the walk is fair.
    EXPECT_GT(Seen[0], 0) << "rate " << Rate;
    EXPECT_GT(Seen[4], 0) << "rate " << Rate;
    EXPECT_GT(Seen[9], 0) << "rate " << Rate;
  }
}

TEST(RandomStrategyTest, PreemptionRateDoesNotApplyWhenTheCurrentThreadBlocked) {
  RandomStrategy S(4, 1);
  S.beginExecution(3);
  int Seen[10] = {};
  for (int I = 0; I < 4000; ++I)
    ++Seen[index(S.pickNext(kRunnable, 4, ThreadId(5), PointKind::Block, 0))];
  for (uint32_t I : {0u, 3u, 4u, 9u})
    EXPECT_GT(Seen[I], 800) << "T" << I;
}

} // namespace

namespace {

TEST(RandomStrategyTest, AFractionalRateSwitchesAtThatFractionOfPoints) {
  // 1/1000: the plain run's default (preemption_rate=0.1).
  RandomStrategy S(4, 1u, 1000u);
  S.beginExecution(7);
  int Switches = 0;
  const int kPoints = 400000;
  for (int I = 0; I < kPoints; ++I)
    Switches += S.pickNext(kRunnable, 4, ThreadId(3), PointKind::Sync, 0) != ThreadId(3);
  EXPECT_GT(Switches, 300);
  EXPECT_LT(Switches, 500);
}

TEST(RandomStrategyTest, TheCountdownToThePreemptionIsOneGeometricDraw) {
  // With a rate, the points between preemptions are drawn at once from the
  // same generator: a pick then a new countdown at each preemption, a
  // quantum after every point. This ties the answers to prng_test's pinned
  // outputs (a seed is its schedule).
  RandomStrategy S(4, 5u, 100u);
  S.beginExecution(11);
  Prng R(11);
  GeometricDraw Until(5, 100);
  uint64_t Left = Until.draw(R);
  int Preemptions = 0;
  for (int I = 0; I < 2000; ++I) {
    ThreadId T = S.pickNext(kRunnable, 4, ThreadId(3), PointKind::Sync, 0);
    ThreadId Want = ThreadId(3);
    if (Left) {
      --Left;
    } else {
      Left = Until.draw(R);
      uint32_t Pick = R.pickIndex(3);
      Want = kRunnable[Pick >= 1 ? Pick + 1 : Pick];
      ++Preemptions;
    }
    ASSERT_EQ(T, Want) << "point " << I;
    ASSERT_EQ(S.nextQuantum(), 1 + R.pickIndex(8)) << "point " << I;
  }
  EXPECT_GT(Preemptions, 50);
}

TEST(RandomStrategyTest, TheBudgetAnswersAsPickNextWould) {
  // The scheduler takes points from the budget itself when it can and asks
  // pickNext otherwise; which one answers a point must not change the walk.
  // Two strategies with one seed: A always asked, B's budget spent directly
  // at every other point where it has some.
  RandomStrategy A(4, 1u, 50u), B(4, 1u, 50u);
  A.beginExecution(99);
  B.beginExecution(99);
  ASSERT_EQ(A.goOnBudget() != nullptr, true);
  GoOnBudget *Budget = B.goOnBudget();
  for (int I = 0; I < 20000; ++I) {
    ThreadId WantT = A.pickNext(kRunnable, 4, ThreadId(3), PointKind::Sync, 0);
    uint32_t WantQ = A.nextQuantum();
    if (I % 2 && Budget->Points) {
      --Budget->Points;
      ASSERT_EQ(WantT, ThreadId(3)) << "point " << I;
      ASSERT_EQ(Budget->quantum(), WantQ) << "point " << I;
    } else {
      ASSERT_EQ(B.pickNext(kRunnable, 4, ThreadId(3), PointKind::Sync, 0), WantT) << "point " << I;
      ASSERT_EQ(B.nextQuantum(), WantQ) << "point " << I;
    }
  }
}

TEST(RandomStrategyTest, YieldsAndBlockedThreadsLeaveTheCountdownAlone) {
  RandomStrategy S(4, 1u, 1000u);
  S.beginExecution(5);
  uint64_t Left = S.goOnBudget()->Points;
  ASSERT_GT(Left, 0u); // seed 5 starts with a run of points kept
  for (int I = 0; I < 100; ++I) {
    // A yield hands over; a blocked thread's point picks among the others.
    EXPECT_NE(S.pickNext(kRunnable, 4, ThreadId(3), PointKind::Yield, 0), ThreadId(3));
    S.pickNext(kRunnable, 4, ThreadId(5), PointKind::Block, 0);
  }
  EXPECT_EQ(S.goOnBudget()->Points, Left);
}

TEST(RandomStrategyTest, UniformHasNoBudget) {
  RandomStrategy S(4);
  S.beginExecution(1);
  EXPECT_EQ(S.goOnBudget(), nullptr);
}

} // namespace
