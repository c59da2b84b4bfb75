//===- sync_models_test.cc - Semaphore, barrier, futex and robust mutex ---===//
//
// One test per row of the state tables in semaphore_model.h,
// barrier_model.h, futex_model.h and the robust part of mutex_model.h, plus
// the strategy's say in every wake-up choice and timeouts in virtual time.
//
//===----------------------------------------------------------------------===//

#include "models/barrier_model.h"
#include "models/futex_model.h"
#include "strategies/random_strategy.h"
#include "models/semaphore_model.h"
#include "test_execution.h"

#include <gtest/gtest.h>

#include <vector>

using namespace weft;
using namespace weft::test;

namespace {

constexpr uint64_t kMs = 1000 * 1000;
constexpr uintptr_t kAddr = 0x7000;

//===--- Semaphore ---------------------------------------------------------===//

TEST(SemaphoreModelTest, CountsDownAndUp) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  SemaphoreModel Sem(2);
  EXPECT_EQ(Sem.wait(E.S, kAddr, false), LockResult::Acquired);
  EXPECT_EQ(Sem.wait(E.S, kAddr, true), LockResult::Acquired);
  EXPECT_EQ(Sem.value(), 0u);
  EXPECT_EQ(Sem.wait(E.S, kAddr, true), LockResult::Busy);
  EXPECT_TRUE(Sem.post(E.S));
  EXPECT_EQ(Sem.value(), 1u);
  EXPECT_EQ(Sem.wait(E.S, kAddr, true), LockResult::Acquired);
  E.joinAll();
}

TEST(SemaphoreModelTest, PostAtMaximumOverflows) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  SemaphoreModel Sem(SemaphoreModel::kMaxValue);
  EXPECT_FALSE(Sem.post(E.S));
  EXPECT_EQ(Sem.value(), SemaphoreModel::kMaxValue);
  E.joinAll();
}

TEST(SemaphoreModelTest, WaitBlocksUntilPost) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  SemaphoreModel Sem(0);
  std::vector<int> Events;
  GreenThread *A = E.spawn([&] {
    Events.push_back(1);
    E.leave();
    LockResult R = Sem.wait(E.S, kAddr, false);
    E.enter();
    EXPECT_EQ(R, LockResult::Acquired);
    Events.push_back(3);
  });
  E.point(); // A blocks
  EXPECT_EQ(A->Status, ThreadStatus::Blocked);
  EXPECT_EQ(A->Wait.Kind, WaitKind::Semaphore);
  EXPECT_EQ(A->Wait.Object, kAddr);
  Events.push_back(2);
  EXPECT_TRUE(Sem.post(E.S));
  EXPECT_EQ(A->Status, ThreadStatus::Runnable);
  E.joinAll();
  EXPECT_EQ(Events, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(Sem.value(), 0u);
}

TEST(SemaphoreModelTest, PostWakesTheWaiterTheStrategyChooses) {
  for (uint32_t Answer = 0; Answer < 2; ++Answer) {
    RoundRobinStrategy Strat;
    Strat.ChooseAnswer = Answer;
    TestExecution E(Strat, 0);
    SemaphoreModel Sem(0);
    GreenThread *W[2];
    for (int I = 0; I < 2; ++I)
      W[I] = E.spawn([&] {
        E.leave();
        Sem.wait(E.S, kAddr, false);
        E.enter();
      });
    E.point();
    E.point(); // both block
    ASSERT_EQ(W[0]->Status, ThreadStatus::Blocked);
    ASSERT_EQ(W[1]->Status, ThreadStatus::Blocked);
    Sem.post(E.S);
    EXPECT_EQ(W[Answer]->Status, ThreadStatus::Runnable);
    EXPECT_EQ(W[1 - Answer]->Status, ThreadStatus::Blocked);
    Sem.post(E.S);
    E.joinAll();
  }
}

TEST(SemaphoreModelTest, TimedWaitTimesOutInVirtualTime) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  SemaphoreModel Sem(0);
  uint64_t Deadline = E.S.now() + 5 * kMs;
  E.leave();
  LockResult R = Sem.wait(E.S, kAddr, false, Deadline);
  E.enter();
  EXPECT_EQ(R, LockResult::TimedOut);
  EXPECT_EQ(E.S.now(), Deadline);
  // The count a timed-out waiter did not get stays for the next one.
  Sem.post(E.S);
  EXPECT_EQ(Sem.value(), 1u);
  E.joinAll();
}

TEST(SemaphoreModelTest, AnInterruptedWaitReturnsInterruptedAndTakesNothing) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  SemaphoreModel Sem(0);
  LockResult R = LockResult::Acquired;
  GreenThread *A = E.spawn([&] {
    E.leave();
    R = Sem.wait(E.S, kAddr, false);
    E.enter();
  });
  E.spawn([&] {
    EXPECT_TRUE(E.S.interruptWait(A, Interrupt::Signal));
    E.point();
    // A post after the interruption is for the next waiter.
    Sem.post(E.S);
  });
  E.joinAll();
  EXPECT_EQ(R, LockResult::Interrupted);
  EXPECT_EQ(Sem.value(), 1u);
  EXPECT_FALSE(Sem.hasWaiters());
}

TEST(SemaphoreModelTest, NoWakeupIsLostUnderRandomSchedules) {
  for (uint64_t Seed = 1; Seed <= 20; ++Seed) {
    RandomStrategy Strat(2);
    TestExecution E(Strat, Seed);
    SemaphoreModel Sem(0);
    int Taken = 0;
    for (int T = 0; T < 3; ++T)
      E.spawn([&] {
        for (int K = 0; K < 4; ++K) {
          E.leave();
          Sem.wait(E.S, kAddr, false);
          E.enter();
          ++Taken;
          E.point();
        }
      });
    for (int K = 0; K < 12; ++K) {
      Sem.post(E.S);
      E.point(PointKind::Sync);
    }
    E.joinAll();
    EXPECT_EQ(Taken, 12) << "seed " << Seed;
    EXPECT_EQ(Sem.value(), 0u) << "seed " << Seed;
  }
}

//===--- Barrier -----------------------------------------------------------===//

TEST(BarrierModelTest, CountOfOneNeverBlocks) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  BarrierModel B(1);
  BarrierArrival A = B.arrive(E.S, kAddr);
  EXPECT_TRUE(A.Serial);
  EXPECT_TRUE(A.Completed);
  ASSERT_EQ(B.round().size(), 1u);
  EXPECT_EQ(B.round()[0], ThreadId::Main);
  E.joinAll();
}

TEST(BarrierModelTest, ReleasesTheRoundAtOnceWithOneSerialChosenByStrategy) {
  for (uint32_t Answer = 0; Answer < 3; ++Answer) {
    RoundRobinStrategy Strat;
    Strat.ChooseAnswer = Answer;
    TestExecution E(Strat, 0);
    BarrierModel B(3);
    bool Serial[3] = {false, false, false};
    GreenThread *W[2];
    for (int I = 0; I < 2; ++I)
      W[I] = E.spawn([&, I] {
        E.leave();
        BarrierArrival A = B.arrive(E.S, kAddr);
        E.enter();
        EXPECT_FALSE(A.Completed);
        Serial[I] = A.Serial;
      });
    E.point();
    E.point(); // both arrive and block
    EXPECT_EQ(B.waiting(), 2u);
    EXPECT_EQ(W[0]->Wait.Kind, WaitKind::Barrier);
    EXPECT_EQ(W[1]->Status, ThreadStatus::Blocked);
    BarrierArrival Mine = B.arrive(E.S, kAddr);
    EXPECT_TRUE(Mine.Completed);
    // Everyone is released at once, before anyone runs again.
    EXPECT_EQ(W[0]->Status, ThreadStatus::Runnable);
    EXPECT_EQ(W[1]->Status, ThreadStatus::Runnable);
    EXPECT_EQ(B.waiting(), 0u);
    ASSERT_EQ(B.round().size(), 3u);
    EXPECT_EQ(B.round()[0], W[0]->Id);
    EXPECT_EQ(B.round()[2], ThreadId::Main);
    Serial[2] = Mine.Serial;
    E.joinAll();
    // Arrival order was T1, T2, T0: the strategy's answer picks among them.
    int Expected = Answer == 2 ? 2 : int(Answer);
    for (int I = 0; I < 3; ++I)
      EXPECT_EQ(Serial[I], I == Expected) << "answer " << Answer << " thread " << I;
  }
}

TEST(BarrierModelTest, NobodyPassesBeforeTheWholeRoundArrived) {
  for (uint64_t Seed = 1; Seed <= 20; ++Seed) {
    RandomStrategy Strat(2);
    TestExecution E(Strat, Seed);
    BarrierModel B(3);
    int Serials = 0, Arrived[3] = {0, 0, 0};
    bool Early = false;
    for (int T = 0; T < 3; ++T)
      E.spawn([&, T] {
        for (int K = 1; K <= 4; ++K) {
          ++Arrived[T];
          E.leave();
          BarrierArrival A = B.arrive(E.S, kAddr);
          E.enter();
          Serials += A.Serial;
          for (int U = 0; U < 3; ++U)
            Early |= Arrived[U] < K;
          E.point();
        }
      });
    E.joinAll();
    EXPECT_FALSE(Early) << "seed " << Seed;
    EXPECT_EQ(Serials, 4) << "seed " << Seed; // one per round
  }
}

//===--- Futex -------------------------------------------------------------===//

TEST(FutexQueueTest, WakeCountsOnlyBlockedMatchingWaiters) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  FutexQueue Q;
  bool Woken[3] = {false, false, false};
  const uint32_t Bits[3] = {0x1, 0x2, 0x3};
  GreenThread *W[3];
  for (int I = 0; I < 3; ++I)
    W[I] = E.spawn([&, I] {
      E.leave();
      Woken[I] = Q.wait(E.S, kAddr, Bits[I], kNoDeadline);
      E.enter();
    });
  for (int I = 0; I < 3; ++I)
    E.point();
  for (int I = 0; I < 3; ++I) {
    ASSERT_EQ(W[I]->Status, ThreadStatus::Blocked);
    EXPECT_EQ(W[I]->Wait.Kind, WaitKind::Futex);
  }
  // Mask 0x2 matches T2 and T3; wake at most 5: exactly those two.
  EXPECT_EQ(Q.wake(E.S, 5, 0x2), 2u);
  EXPECT_EQ(W[0]->Status, ThreadStatus::Blocked);
  EXPECT_EQ(W[1]->Status, ThreadStatus::Runnable);
  // Already woken threads are not woken (or counted) again.
  EXPECT_EQ(Q.wake(E.S, 5, 0x2), 0u);
  EXPECT_EQ(Q.wake(E.S, 1, ~0u), 1u);
  EXPECT_EQ(Q.wake(E.S, 1, ~0u), 0u);
  E.joinAll();
  EXPECT_TRUE(Woken[0] && Woken[1] && Woken[2]);
  EXPECT_TRUE(Q.empty());
}

TEST(FutexQueueTest, StrategyPicksWhichWaiterWakes) {
  for (uint32_t Answer = 0; Answer < 3; ++Answer) {
    RoundRobinStrategy Strat;
    Strat.ChooseAnswer = Answer;
    TestExecution E(Strat, 0);
    FutexQueue Q;
    GreenThread *W[3];
    for (int I = 0; I < 3; ++I)
      W[I] = E.spawn([&] {
        E.leave();
        Q.wait(E.S, kAddr, ~0u, kNoDeadline);
        E.enter();
      });
    for (int I = 0; I < 3; ++I)
      E.point();
    EXPECT_EQ(Q.wake(E.S, 1, ~0u), 1u);
    for (uint32_t I = 0; I < 3; ++I)
      EXPECT_EQ(W[I]->Status == ThreadStatus::Runnable, I == Answer);
    Q.wake(E.S, 2, ~0u);
    E.joinAll();
  }
}

TEST(FutexQueueTest, TimedWaitTimesOutInVirtualTime) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  FutexQueue Q;
  uint64_t Deadline = E.S.now() + 3 * kMs;
  E.leave();
  bool Woken = Q.wait(E.S, kAddr, ~0u, Deadline);
  E.enter();
  EXPECT_FALSE(Woken);
  EXPECT_EQ(E.S.now(), Deadline);
  EXPECT_TRUE(Q.empty());
  EXPECT_EQ(Q.wake(E.S, 1, ~0u), 0u);
  E.joinAll();
}

//===--- Robust mutex ------------------------------------------------------===//

TEST(RobustMutexModelTest, OwnerDeathThenConsistent) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  MutexModel M;
  M.setRobust(true);
  E.spawn([&] {
    EXPECT_EQ(M.lock(E.S, kAddr, false), LockResult::Acquired);
    M.ownerDied(E.S); // the thread exits holding it
  });
  E.point();
  EXPECT_FALSE(M.isLocked());
  EXPECT_EQ(M.lock(E.S, kAddr, true), LockResult::OwnerDead);
  EXPECT_EQ(M.owner(), ThreadId::Main);
  EXPECT_TRUE(M.makeConsistent(E.S));
  EXPECT_FALSE(M.makeConsistent(E.S)); // already consistent
  EXPECT_EQ(M.unlock(E.S), UnlockResult::Released);
  EXPECT_EQ(M.lock(E.S, kAddr, false), LockResult::Acquired);
  EXPECT_EQ(M.unlock(E.S), UnlockResult::Released);
  E.joinAll();
}

TEST(RobustMutexModelTest, UnlockWithoutConsistentIsNotRecoverable) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  MutexModel M;
  M.setRobust(true);
  ASSERT_EQ(M.lock(E.S, kAddr, false), LockResult::Acquired);
  M.ownerDied(E.S);
  EXPECT_EQ(M.lock(E.S, kAddr, false), LockResult::OwnerDead);
  EXPECT_EQ(M.unlock(E.S), UnlockResult::Released);
  EXPECT_FALSE(M.isLocked());
  EXPECT_EQ(M.lock(E.S, kAddr, false), LockResult::NotRecoverable);
  EXPECT_EQ(M.lock(E.S, kAddr, true), LockResult::NotRecoverable);
  E.joinAll();
}

TEST(RobustMutexModelTest, WaiterWakesToOwnerDead) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  MutexModel M;
  M.setRobust(true);
  LockResult Seen = LockResult::Busy;
  ASSERT_EQ(M.lock(E.S, kAddr, false), LockResult::Acquired);
  GreenThread *A = E.spawn([&] {
    E.leave();
    Seen = M.lock(E.S, kAddr, false);
    E.enter();
    M.makeConsistent(E.S);
    M.unlock(E.S);
  });
  E.point();
  ASSERT_EQ(A->Status, ThreadStatus::Blocked);
  M.ownerDied(E.S);
  EXPECT_EQ(A->Status, ThreadStatus::Runnable);
  E.joinAll();
  EXPECT_EQ(Seen, LockResult::OwnerDead);
}

} // namespace
