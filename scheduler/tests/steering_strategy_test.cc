//===- steering_strategy_test.cc - Steering toward a lock-order deadlock --===//
//
// A thread that holds a lock taken at a held site must wait while a thread
// holding none can run, for a bounded number of picks; the inner strategy
// still chooses among the allowed threads.
//
//===----------------------------------------------------------------------===//

#include "strategies/random_strategy.h"
#include "strategies/steering_strategy.h"

#include <gtest/gtest.h>

#include <vector>

using namespace weft;

namespace {

/// Picks the first thread it is offered and remembers what it was offered.
class FirstStrategy final : public Strategy {
public:
  void beginExecution(uint64_t) override { ++Begun; }
  ThreadId pickNext(const ThreadId *Runnable, size_t NumRunnable, ThreadId,
                    PointKind, PointObject) override {
    Offered.assign(Runnable, Runnable + NumRunnable);
    return Runnable[0];
  }
  uint32_t nextQuantum() override { return 7; }
  uint32_t choose(ChoiceKind, uint32_t N) override { return N - 1; }

  std::vector<ThreadId> Offered;
  int Begun = 0;
};

const ThreadId T0 = ThreadId(0), T1 = ThreadId(1), T2 = ThreadId(2);
const ThreadId kAll[] = {T0, T1, T2};

TEST(SteeringStrategyTest, WithoutHeldSiteLocksTheInnerStrategyDecides) {
  FirstStrategy Inner;
  SteeringStrategy S(&Inner);
  S.beginExecution(1);
  EXPECT_EQ(Inner.Begun, 1);
  EXPECT_EQ(S.pickNext(kAll, 3, T1, PointKind::Sync, 0), T0);
  EXPECT_EQ(Inner.Offered, (std::vector<ThreadId>{T0, T1, T2}));
  EXPECT_EQ(S.nextQuantum(), 7u);
  EXPECT_EQ(S.choose(ChoiceKind::WakeWaiter, 4), 3u);
}

TEST(SteeringStrategyTest, AHolderWaitsWhileAnotherThreadCanRun) {
  FirstStrategy Inner;
  SteeringStrategy S(&Inner);
  S.beginExecution(1);
  S.setHeldSiteLocks(T0, 1);
  EXPECT_EQ(S.pickNext(kAll, 3, T0, PointKind::Sync, 0), T1);
  EXPECT_EQ(Inner.Offered, (std::vector<ThreadId>{T1, T2}));
  // T1 takes its own held-site lock: only T2 may run now.
  S.setHeldSiteLocks(T1, 1);
  EXPECT_EQ(S.pickNext(kAll, 3, T1, PointKind::Access, 0), T2);
  EXPECT_EQ(Inner.Offered, (std::vector<ThreadId>{T2}));
}

TEST(SteeringStrategyTest, WhenEveryoneHoldsNobodyIsHeldBack) {
  FirstStrategy Inner;
  SteeringStrategy S(&Inner);
  S.beginExecution(1);
  const ThreadId Two[] = {T0, T1};
  S.setHeldSiteLocks(T0, 1);
  S.setHeldSiteLocks(T1, 2);
  EXPECT_EQ(S.pickNext(Two, 2, T1, PointKind::Sync, 0), T0);
  EXPECT_EQ(Inner.Offered, (std::vector<ThreadId>{T0, T1}));
  // A holder alone (the others blocked) runs.
  EXPECT_EQ(S.pickNext(&T1, 1, T0, PointKind::Block, 0), T1);
}

TEST(SteeringStrategyTest, ReleasingTheLockEndsTheWait) {
  FirstStrategy Inner;
  SteeringStrategy S(&Inner);
  S.beginExecution(1);
  S.setHeldSiteLocks(T0, 1);
  EXPECT_EQ(S.pickNext(kAll, 3, T0, PointKind::Sync, 0), T1);
  S.setHeldSiteLocks(T0, 0);
  EXPECT_EQ(S.pickNext(kAll, 3, T0, PointKind::Sync, 0), T0);
}

TEST(SteeringStrategyTest, PatienceIsBoundedAndRenewedByANewAcquisition) {
  FirstStrategy Inner;
  SteeringStrategy S(&Inner);
  S.beginExecution(1);
  S.setHeldSiteLocks(T0, 1);
  for (uint32_t I = 0; I < SteeringStrategy::kPatience; ++I)
    ASSERT_EQ(S.pickNext(kAll, 3, T1, PointKind::Access, 0), T1) << I;
  // Passed over kPatience times: it competes normally again (fairness).
  EXPECT_EQ(S.pickNext(kAll, 3, T1, PointKind::Access, 0), T0);
  // Taking a second held-site lock renews it.
  S.setHeldSiteLocks(T0, 2);
  EXPECT_EQ(S.pickNext(kAll, 3, T1, PointKind::Access, 0), T1);
  // Releasing one of the two is not an acquisition.
  S.setHeldSiteLocks(T0, 1);
  EXPECT_EQ(S.pickNext(kAll, 3, T1, PointKind::Access, 0), T1);
}

TEST(SteeringStrategyTest, BeginExecutionForgetsHolders) {
  FirstStrategy Inner;
  SteeringStrategy S(&Inner);
  S.beginExecution(1);
  S.setHeldSiteLocks(T0, 1);
  S.beginExecution(2);
  EXPECT_EQ(S.pickNext(kAll, 3, T0, PointKind::Sync, 0), T0);
}

std::vector<uint32_t> transcript(uint64_t Seed) {
  RandomStrategy Inner(4);
  SteeringStrategy S(&Inner);
  S.beginExecution(Seed);
  std::vector<uint32_t> Out;
  for (uint32_t I = 0; I < 200; ++I) {
    S.setHeldSiteLocks(ThreadId(I % 3), (I / 3) % 2);
    ThreadId Next = S.pickNext(kAll, 3, T0, PointKind::Sync, 0);
    Out.push_back(index(Next));
    Out.push_back(S.nextQuantum());
  }
  return Out;
}

TEST(SteeringStrategyTest, TheSeedDecidesAmongTheAllowed) {
  EXPECT_EQ(transcript(5), transcript(5));
  EXPECT_NE(transcript(5), transcript(6));
}

} // namespace
