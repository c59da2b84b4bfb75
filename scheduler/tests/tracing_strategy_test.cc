//===- tracing_strategy_test.cc - The trace: faithful, bounded, inert -----===//
//
// Tracing must not change a single answer of the strategy it wraps, must
// mark exactly the picks that preempt a thread that could go on, must name
// objects by first appearance, and must keep only the last kCapacity steps.
//
//===----------------------------------------------------------------------===//

#include "strategies/random_strategy.h"
#include "strategies/tracing_strategy.h"

#include <gtest/gtest.h>

#include <vector>

using namespace weft;

namespace {

const ThreadId kThree[] = {ThreadId(0), ThreadId(1), ThreadId(2)};

std::vector<uint32_t> run(Strategy &S, uint64_t Seed, int Steps) {
  S.beginExecution(Seed);
  std::vector<uint32_t> Out;
  ThreadId Cur = ThreadId(0);
  for (int I = 0; I < Steps; ++I) {
    Cur = S.pickNext(kThree, 3, Cur, PointKind::Sync, PointObject(0x1000 + 64 * (I % 4)));
    Out.push_back(index(Cur));
    Out.push_back(S.nextQuantum());
    Out.push_back(S.choose(ChoiceKind::WakeWaiter, 3));
  }
  return Out;
}

TEST(TracingStrategyTest, ChangesNoAnswer) {
  RandomStrategy Plain(4, -1), Inner(4, -1);
  TracingStrategy Traced(&Inner);
  EXPECT_EQ(run(Plain, 5, 200), run(Traced, 5, 200));
}

TEST(TracingStrategyTest, RecordsStepsPreemptionsObjectsAndLabels) {
  RandomStrategy Inner(4, -1);
  TracingStrategy T(&Inner);
  T.beginExecution(3);
  T.labelNextPoint("lock");
  ThreadId A = T.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0xbeef);
  // Thread 0 is not runnable here: switching away from it is no preemption.
  const ThreadId Others[] = {ThreadId(1), ThreadId(2)};
  T.pickNext(Others, 2, ThreadId(0), PointKind::Block, 0xcafe);
  T.pickNext(kThree, 3, ThreadId(1), PointKind::Sync, 0xbeef);
  ASSERT_EQ(T.size(), 3u);
  EXPECT_EQ(T.count(), 3u);
  EXPECT_EQ(T.at(0).Step, 1u);
  EXPECT_STREQ(T.at(0).Label, "lock");
  EXPECT_EQ(T.at(0).Preempted, A != ThreadId(0));
  EXPECT_EQ(T.at(0).Object, 1u);
  EXPECT_EQ(T.at(1).Label, nullptr); // a label is for one point only
  EXPECT_FALSE(T.at(1).Preempted);
  EXPECT_EQ(T.at(1).Object, 2u);
  EXPECT_EQ(T.at(2).Object, 1u); // the same object, the same name
  EXPECT_EQ(T.at(2).Preempted, T.at(2).Next != ThreadId(1));
}

TEST(TracingStrategyTest, KeepsTheLastStepsOnly) {
  RandomStrategy Inner(4, -1);
  TracingStrategy T(&Inner);
  T.beginExecution(1);
  const uint64_t Total = TracingStrategy::kCapacity + 123;
  for (uint64_t I = 0; I < Total; ++I)
    T.pickNext(kThree, 3, ThreadId(0), PointKind::Access, 0);
  EXPECT_EQ(T.count(), Total);
  ASSERT_EQ(T.size(), TracingStrategy::kCapacity);
  EXPECT_EQ(T.at(0).Step, Total - TracingStrategy::kCapacity + 1);
  EXPECT_EQ(T.at(T.size() - 1).Step, Total);
}

} // namespace
