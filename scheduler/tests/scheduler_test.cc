//===- scheduler_test.cc - Baton, interleavings, virtual time, deadlock ---===//
//
// Real OS threads take turns through the scheduler (see test_execution.h).
// These tests pin what the rest of weft relies on: one thread at a time, the
// strategy's choice is the thread that runs, a seed replays its interleaving,
// blocking and timeouts work in virtual time, and a run that cannot go on
// reaches the observer. Executions that end in the observer run in a death
// test's child process, where the observer reports by exit status.
//
//===----------------------------------------------------------------------===//

#include "strategies/random_strategy.h"
#include "scheduler.h"
#include "test_execution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <unistd.h>
#include <vector>

using namespace weft;
using namespace weft::test;

namespace {

constexpr uint64_t kMs = 1000 * 1000;

//===--- Single thread -----------------------------------------------------===//

TEST(SchedulerTest, StartMakesTheCallerThreadZero) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  EXPECT_TRUE(E.S.started());
  EXPECT_EQ(E.S.current(), &E.Main);
  EXPECT_EQ(E.Main.Id, ThreadId::Main);
  EXPECT_EQ(E.S.thread(ThreadId::Main), &E.Main);
  EXPECT_EQ(E.S.numThreads(), 1u);
  EXPECT_EQ(E.S.steps(), 0u);
  EXPECT_EQ(E.S.now(), 0u);
  EXPECT_EQ(E.Main.Baton.load(), 1u);
  E.joinAll();
}

TEST(SchedulerTest, EveryPointIsOneStepOfVirtualTime) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  for (int I = 0; I < 10; ++I)
    E.point();
  EXPECT_EQ(E.S.current(), &E.Main);
  EXPECT_EQ(E.S.steps(), 10u);
  EXPECT_EQ(E.S.now(), 10 * Scheduler::kStepNs);
  E.S.advanceTime(5);
  EXPECT_EQ(E.S.now(), 10 * Scheduler::kStepNs + 5);
  EXPECT_EQ(E.S.steps(), 10u);
  E.joinAll();
}

TEST(SchedulerTest, BlockUntilAloneJumpsToTheDeadline) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  E.point();
  EXPECT_FALSE(E.blockUntil(WaitInfo{WaitKind::CondVar, 0x40}, 5 * kMs));
  EXPECT_EQ(E.S.now(), 5 * kMs);
  EXPECT_TRUE(E.Main.TimedOut);
  EXPECT_EQ(E.Main.Status, ThreadStatus::Runnable);
  EXPECT_EQ(E.Main.Wait.Kind, WaitKind::None);
  EXPECT_EQ(E.S.current(), &E.Main);
  E.joinAll();
}

TEST(SchedulerTest, SleepUntilThePastIsJustAYield) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  E.sleepUntil(3 * kMs);
  EXPECT_EQ(E.S.now(), 3 * kMs);
  uint64_t Steps = E.S.steps();
  E.sleepUntil(1 * kMs);
  EXPECT_EQ(E.S.now(), 3 * kMs + Scheduler::kStepNs);
  EXPECT_EQ(E.S.steps(), Steps + 1);
  EXPECT_EQ(E.Main.Status, ThreadStatus::Runnable);
  E.joinAll();
}

TEST(SchedulerTest, ChooseOfOneOptionDoesNotAskTheStrategy) {
  RoundRobinStrategy Strat;
  Strat.ChooseAnswer = 3;
  TestExecution E(Strat, 0);
  EXPECT_EQ(E.S.choose(ChoiceKind::WakeWaiter, 1), 0u);
  EXPECT_EQ(E.S.choose(ChoiceKind::WakeWaiter, 0), 0u);
  EXPECT_EQ(Strat.Choices, 0u);
  EXPECT_EQ(E.S.choose(ChoiceKind::WakeWaiter, 5), 3u);
  EXPECT_EQ(Strat.Choices, 1u);
  E.joinAll();
}

//===--- Threads and the baton ---------------------------------------------===//

TEST(SchedulerTest, AddThreadAssignsDenseIdsInCreationOrder) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  GreenThread *A = E.spawn([] {});
  GreenThread *B = E.spawn([] {});
  GreenThread *C = E.spawn([] {});
  EXPECT_EQ(index(A->Id), 1u);
  EXPECT_EQ(index(B->Id), 2u);
  EXPECT_EQ(index(C->Id), 3u);
  EXPECT_EQ(E.S.thread(ThreadId(2)), B);
  EXPECT_EQ(E.S.numThreads(), 4u);
  // Registered but not yet run: nobody has handed them the baton.
  EXPECT_NE(A->Baton.load(), kBatonHeld);
  EXPECT_EQ(A->Status, ThreadStatus::Runnable);
  E.joinAll();
  EXPECT_EQ(A->Status, ThreadStatus::Finished);
  EXPECT_EQ(C->Status, ThreadStatus::Finished);
}

TEST(SchedulerTest, TheStrategysPickIsTheThreadThatRuns) {
  // Round robin makes the interleaving exact: T0 blocks in joinAll, then
  // T1, T2, T3 take turns, each finishing after its fourth turn.
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  for (int I = 0; I < 3; ++I)
    E.spawn([&] {
      for (int K = 0; K < 4; ++K) {
        E.record();
        E.point();
      }
    });
  E.joinAll();
  std::vector<uint32_t> Expected;
  for (int K = 0; K < 4; ++K)
    Expected.insert(Expected.end(), {1, 2, 3});
  EXPECT_EQ(E.Trace, Expected);
  EXPECT_EQ(E.MaxRunning.load(), 1);
  EXPECT_EQ(E.WrongCurrent.load(), 0);
}

struct RunResult {
  std::vector<uint32_t> Trace;
  int MaxRunning;
  int WrongCurrent;
  uint64_t Steps;
};

// Four threads, each taking 50 turns at access points, plus a sync point and
// a thread created midway, under the random strategy.
RunResult runRandom(uint64_t Seed) {
  RandomStrategy Strat(2);
  TestExecution E(Strat, Seed);
  for (int I = 0; I < 4; ++I)
    E.spawn([&, I] {
      for (int K = 0; K < 50; ++K) {
        E.record();
        E.point(K % 10 == 0 ? PointKind::Sync : PointKind::Access);
        if (I == 0 && K == 25)
          E.spawn([&] {
            for (int J = 0; J < 20; ++J) {
              E.record();
              E.point(PointKind::Yield);
            }
          });
      }
    });
  E.point(PointKind::ThreadCreate);
  E.joinAll();
  return {E.Trace, E.MaxRunning.load(), E.WrongCurrent.load(), E.S.steps()};
}

TEST(SchedulerTest, OnlyOneThreadRunsAtATime) {
  for (uint64_t Seed = 1; Seed <= 5; ++Seed) {
    RunResult R = runRandom(Seed);
    EXPECT_EQ(R.MaxRunning, 1) << "seed " << Seed;
    EXPECT_EQ(R.WrongCurrent, 0) << "seed " << Seed;
    ASSERT_EQ(R.Trace.size(), 4u * 50 + 20) << "seed " << Seed;
    int PerThread[6] = {};
    for (uint32_t T : R.Trace) {
      ASSERT_LT(T, 6u);
      ++PerThread[T];
    }
    EXPECT_EQ(PerThread[0], 0);
    for (int T = 1; T <= 4; ++T)
      EXPECT_EQ(PerThread[T], 50) << "T" << T << ", seed " << Seed;
    EXPECT_EQ(PerThread[5], 20) << "seed " << Seed;
  }
}

TEST(SchedulerTest, SameSeedSameInterleaving) {
  for (uint64_t Seed : {1ull, 2ull, 0xfeedull}) {
    RunResult A = runRandom(Seed);
    RunResult B = runRandom(Seed);
    EXPECT_EQ(A.Trace, B.Trace) << "seed " << Seed;
    EXPECT_EQ(A.Steps, B.Steps) << "seed " << Seed;
  }
}

TEST(SchedulerTest, DifferentSeedsGiveDifferentInterleavings) {
  std::set<std::vector<uint32_t>> Distinct;
  for (uint64_t Seed = 1; Seed <= 6; ++Seed)
    Distinct.insert(runRandom(Seed).Trace);
  // 220 decisions among up to 5 threads: any repeat means seeds are ignored.
  EXPECT_EQ(Distinct.size(), 6u);
}

TEST(SchedulerTest, RandomInterleavingActuallyInterleaves) {
  // Not just T1 to completion, then T2...: the trace switches threads often.
  RunResult R = runRandom(7);
  int Switches = 0;
  for (size_t I = 1; I < R.Trace.size(); ++I)
    Switches += R.Trace[I] != R.Trace[I - 1];
  EXPECT_GT(Switches, 100);
}

//===--- The go-on budget (go_on_budget.h) ---------------------------------===//

/// Hides the inner strategy's budget: the scheduler asks it at every point.
class AskEveryPoint final : public WrappingStrategy {
public:
  using WrappingStrategy::WrappingStrategy;
};

struct BudgetRun {
  std::vector<uint64_t> Trace; // per point: thread, countdown after it, time
  uint64_t Steps, HandOffs, Now;
};

// Three threads make points of every kind after varying work, sleep (timers
// firing between inline points), read the clock and yield, under a
// preemption rate of 1/8.
BudgetRun runWithBudget(uint64_t Seed, bool Inline) {
  RandomStrategy Random(40, 1u, 8u);
  AskEveryPoint Wrapped(&Random);
  Strategy &Strat = Inline ? static_cast<Strategy &>(Random) : Wrapped;
  TestExecution E(Strat, Seed);
  BudgetRun R;
  auto Note = [&] {
    GreenThread *T = E.S.current();
    R.Trace.push_back(uint64_t(index(T->Id)) << 48 | uint64_t(T->Countdown) << 32 |
                      (E.S.now() / Scheduler::kStepNs));
  };
  for (int I = 0; I < 3; ++I)
    E.spawn([&, I] {
      for (int K = 0; K < 300; ++K) {
        // Work since the previous point, which the budget charges: some
        // accesses of the quantum (all of it before an Access point) and
        // some range lines.
        GreenThread *T = E.S.current();
        bool Access = K % 3 == 0;
        uint32_t Did = uint32_t(K * 7 % 50);
        T->Countdown = Access ? 0 : T->Countdown - std::min(T->Countdown - 1, Did);
        T->RangeLines = uint16_t(K % 5 == I ? K : 0);
        E.point(Access ? PointKind::Access : PointKind::Sync);
        Note();
        if (K % 37 == I)
          E.sleepUntil(E.S.now() + 5 * Scheduler::kStepNs);
        if (K % 53 == 0)
          E.S.advanceTime(2 * Scheduler::kStepNs);
        if (K % 71 == 0)
          E.point(PointKind::Yield);
      }
    });
  E.joinAll();
  R.Steps = E.S.steps();
  R.HandOffs = E.S.handOffs();
  R.Now = E.S.now();
  return R;
}

TEST(SchedulerTest, PointsTheBudgetAnswersInlineScheduleAsTheStrategyWould) {
  // Recording or tracing wraps the strategy and hides its budget: a seed
  // must name the same schedule, quanta and clock either way.
  for (uint64_t Seed : {1ull, 2ull, 3ull, 0x5eedull}) {
    BudgetRun A = runWithBudget(Seed, true), B = runWithBudget(Seed, false);
    EXPECT_EQ(A.Trace, B.Trace) << "seed " << Seed;
    EXPECT_EQ(A.Steps, B.Steps) << "seed " << Seed;
    EXPECT_EQ(A.HandOffs, B.HandOffs) << "seed " << Seed;
    EXPECT_EQ(A.Now, B.Now) << "seed " << Seed;
    EXPECT_GT(A.HandOffs, 50u) << "seed " << Seed; // it did preempt
  }
}

// Two threads under preemption_rate=1%: a "writer" that reaches a point
// after every 4 accesses (a lock, an atomic) and a "copier" that reaches
// one only when its quantum of accesses runs out, after a range copy of
// 4 KiB. Counting points, each would keep the baton for ~100 of its points
// a turn, which is ~19 times the work for the copier (a point itself being
// worth 2^kAccessesPerUnitShift accesses). Counting work, each keeps it
// for about the same work.
TEST(SchedulerTest, APreemptionCountdownCountsWorkNotPoints) {
  constexpr uint32_t kQuantum = 256;
  RandomStrategy Random(kQuantum / 2, 1u, 100u);
  TestExecution E(Random, 7);
  // Work done by each, in accesses: a range line as 8, a point as 32.
  constexpr uint32_t kPoint = 1u << Scheduler::kAccessesPerUnitShift;
  uint64_t Work[2] = {0, 0};
  uint64_t Turns[2] = {0, 0};
  int Last = -1;
  bool Done[2] = {false, false};
  auto Body = [&](int Me) {
    for (int K = 0; K < 20000 && !(Me == 1 && Done[0]) && !(Me == 0 && Done[1]); ++K) {
      GreenThread *T = E.S.current();
      if (Last != Me) {
        ++Turns[Me];
        Last = Me;
      }
      if (Me == 0) {
        uint32_t Did = std::min(T->Countdown - 1, 4u);
        T->Countdown -= Did;
        Work[0] += Did + kPoint;
        E.point(PointKind::Sync);
      } else {
        Work[1] += T->Countdown + 4096 / 64 * 8 + kPoint;
        T->Countdown = 0;
        T->RangeLines = 4096 / 64;
        E.point(PointKind::Access);
      }
    }
    Done[Me] = true;
  };
  E.spawn([&] { Body(0); });
  E.spawn([&] { Body(1); });
  E.joinAll();
  ASSERT_GT(Turns[0], 20u);
  ASSERT_GT(Turns[1], 20u);
  double PerTurn0 = double(Work[0]) / double(Turns[0]);
  double PerTurn1 = double(Work[1]) / double(Turns[1]);
  // Equal in law; counting points it was ~19.
  EXPECT_LT(PerTurn1 / PerTurn0, 2.0) << PerTurn0 << " " << PerTurn1;
  EXPECT_GT(PerTurn1 / PerTurn0, 0.5) << PerTurn0 << " " << PerTurn1;
}

TEST(SchedulerTest, FinishCurrentHandsTheBatonOn) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  GreenThread *A = E.spawn([&] { E.record(); });
  GreenThread *B = E.spawn([&] {
    for (int K = 0; K < 3; ++K) {
      E.record();
      E.point();
    }
  });
  E.joinAll();
  // A finished on its first turn; B ran on alone and A never came back.
  EXPECT_EQ(E.Trace, (std::vector<uint32_t>{1, 2, 2, 2}));
  EXPECT_EQ(A->Status, ThreadStatus::Finished);
  EXPECT_EQ(B->Status, ThreadStatus::Finished);
  EXPECT_EQ(A->Baton.load(), 0u);
  // Ids are never reused.
  EXPECT_EQ(E.S.numThreads(), 3u);
}

TEST(SchedulerTest, AbandonedThreadIsNeverScheduled) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  GreenThread Ghost;
  E.S.addThread(&Ghost);
  EXPECT_EQ(index(Ghost.Id), 1u);
  E.S.abandonThread(&Ghost);
  EXPECT_EQ(Ghost.Status, ThreadStatus::Finished);
  for (int I = 0; I < 5; ++I)
    E.point();
  EXPECT_EQ(E.S.current(), &E.Main);
  EXPECT_EQ(Ghost.Baton.load(), 0u);
  // T0 is the last live thread: finishing returns instead of deadlocking.
  E.joinAll();
}

TEST(SchedulerTest, AForgottenThreadIsNullAndItsStaleTimerIsSkipped) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  bool Woken = false;
  GreenThread *A = nullptr;
  A = E.spawn([&] { Woken = E.blockUntil(WaitInfo{WaitKind::CondVar, 1}, 1 * kMs); });
  E.spawn([&] {
    E.S.wake(A); // A's 1 ms timer stays in the heap, stale
    while (A->Status != ThreadStatus::Finished)
      E.point();
    E.S.forget(A); // as the runtime does before freeing a joined thread
    // Virtual time passes A's old deadline: the stale timer of a forgotten
    // thread is dropped, not dereferenced.
    E.sleepUntil(5 * kMs);
  });
  ThreadId AId = A->Id;
  E.joinAll();
  EXPECT_TRUE(Woken);
  EXPECT_EQ(E.S.thread(AId), nullptr);
  EXPECT_GE(E.S.now(), 5 * kMs);
  // Ids are never reused: the forgotten thread still counts.
  EXPECT_EQ(E.S.numThreads(), 3u);
}

//===--- Blocking, waking and virtual time --------------------------------===//

TEST(SchedulerTest, BlockedThreadDoesNotRunUntilWoken) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  std::vector<const char *> Events;
  GreenThread *A = nullptr;
  WaitKind SeenKind = WaitKind::None;
  uintptr_t SeenObject = 0;
  ThreadStatus SeenStatus = ThreadStatus::Runnable;
  A = E.spawn([&] {
    Events.push_back("A blocks");
    E.block(WaitInfo{WaitKind::Mutex, 0x1234});
    Events.push_back("A resumed");
  });
  E.spawn([&] {
    for (int K = 0; K < 5; ++K) {
      Events.push_back("B runs");
      E.point();
    }
    SeenKind = A->Wait.Kind;
    SeenObject = A->Wait.Object;
    SeenStatus = A->Status;
    E.S.wake(A);
    Events.push_back("B woke A");
    E.point();
    Events.push_back("B done");
  });
  E.joinAll();
  EXPECT_EQ(SeenKind, WaitKind::Mutex);
  EXPECT_EQ(SeenObject, 0x1234u);
  EXPECT_EQ(SeenStatus, ThreadStatus::Blocked);
  EXPECT_EQ(A->Wait.Kind, WaitKind::None);
  EXPECT_FALSE(A->TimedOut);
  std::vector<std::string> Got(Events.begin(), Events.end());
  EXPECT_EQ(Got, (std::vector<std::string>{"A blocks", "B runs", "B runs",
                                           "B runs", "B runs", "B runs",
                                           "B woke A", "A resumed", "B done"}));
}

TEST(SchedulerTest, WakingARunnableThreadChangesNothing) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  uint32_t Gen = E.Main.DeadlineGen;
  E.S.wake(&E.Main);
  EXPECT_EQ(E.Main.Status, ThreadStatus::Runnable);
  EXPECT_EQ(E.Main.DeadlineGen, Gen);
  E.point();
  EXPECT_EQ(E.S.current(), &E.Main);
  E.joinAll();
}

TEST(SchedulerTest, BlockUntilTimesOutWhileOthersAreBlocked) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  bool Resumed = false;
  GreenThread *A = E.spawn([&] {
    E.block(WaitInfo{WaitKind::CondVar, 0x10});
    Resumed = true;
  });
  E.point(); // let A block
  ASSERT_EQ(A->Status, ThreadStatus::Blocked);
  uint64_t Deadline = E.S.now() + 7 * kMs;
  EXPECT_FALSE(E.blockUntil(WaitInfo{WaitKind::Mutex, 0x20}, Deadline));
  EXPECT_EQ(E.S.now(), Deadline);
  EXPECT_TRUE(E.Main.TimedOut);
  // The timeout woke only T0.
  EXPECT_EQ(A->Status, ThreadStatus::Blocked);
  EXPECT_FALSE(Resumed);
  E.S.wake(A);
  E.joinAll();
  EXPECT_TRUE(Resumed);
}

TEST(SchedulerTest, BlockUntilReturnsTrueWhenWokenFirstAndItsTimerDies) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  bool FirstWoken = false;
  uint64_t WokenAt = 0;
  ThreadStatus StatusAfterOldDeadline = ThreadStatus::Runnable;
  uint64_t SecondResumeAt = 0;
  GreenThread *A = nullptr;
  A = E.spawn([&] {
    FirstWoken = E.blockUntil(WaitInfo{WaitKind::CondVar, 1}, 1 * kMs);
    WokenAt = E.S.now();
    // Blocked again, with no deadline: the first wait's timer must not
    // wake this one when 1 ms passes.
    E.block(WaitInfo{WaitKind::CondVar, 2});
    SecondResumeAt = E.S.now();
  });
  E.spawn([&] {
    E.S.wake(A);
    E.point();
    E.sleepUntil(5 * kMs);
    StatusAfterOldDeadline = A->Status;
    E.S.wake(A);
  });
  E.joinAll();
  EXPECT_TRUE(FirstWoken);
  EXPECT_LT(WokenAt, 1 * kMs);
  EXPECT_FALSE(A->TimedOut);
  EXPECT_EQ(StatusAfterOldDeadline, ThreadStatus::Blocked);
  EXPECT_GE(SecondResumeAt, 5 * kMs);
}

/// Records onInterrupted calls (thread, reason) and fails on a deadlock.
class InterruptObserver final : public SchedulerObserver {
public:
  [[noreturn]] void onDeadlock() override { abort(); }
  [[noreturn]] void onStepLimit() override { abort(); }
  void onInterrupted(GreenThread *T, Interrupt Why) override {
    Seen.push_back({T, Why});
  }
  std::vector<std::pair<GreenThread *, Interrupt>> Seen;
};

TEST(SchedulerTest, InterruptWaitEndsATimedWaitEarlyAndTellsWhy) {
  RoundRobinStrategy Strat;
  InterruptObserver Obs;
  TestExecution E(Strat, 0, 0, &Obs);
  bool Woken = false;
  Interrupt Why = Interrupt::None;
  size_t SeenWhenReturned = 99;
  uint64_t ReturnedAt = 0;
  bool InterruptedRunnable = true;
  GreenThread *A = E.spawn([&] {
    Woken = E.blockUntil(WaitInfo{WaitKind::Semaphore, 1}, 10 * kMs);
    Why = E.S.current()->Interrupted;
    SeenWhenReturned = Obs.Seen.size();
    ReturnedAt = E.S.now();
  });
  E.spawn([&] {
    EXPECT_TRUE(E.S.interruptWait(A, Interrupt::Signal));
    // Already runnable: a second interruption changes nothing.
    InterruptedRunnable = E.S.interruptWait(A, Interrupt::Cancel);
  });
  E.joinAll();
  EXPECT_TRUE(Woken);
  EXPECT_FALSE(A->TimedOut);
  EXPECT_FALSE(InterruptedRunnable);
  EXPECT_EQ(Why, Interrupt::Signal);
  // The observer ran on A before its block returned, once.
  ASSERT_EQ(SeenWhenReturned, 1u);
  EXPECT_EQ(Obs.Seen[0].first, A);
  EXPECT_EQ(Obs.Seen[0].second, Interrupt::Signal);
  EXPECT_LT(ReturnedAt, 10 * kMs); // its timer was cancelled
}

TEST(SchedulerTest, AnInterruptedSleepSaysSoAndTheNextBlockForgetsIt) {
  RoundRobinStrategy Strat;
  InterruptObserver Obs;
  TestExecution E(Strat, 0, 0, &Obs);
  bool Full = true, SecondFull = false;
  Interrupt AfterPlainWake = Interrupt::Signal;
  GreenThread *A = E.spawn([&] {
    Full = E.sleepUntil(50 * kMs);
    E.block(WaitInfo{WaitKind::CondVar, 2});
    AfterPlainWake = E.S.current()->Interrupted;
    SecondFull = E.sleepUntil(E.S.now() + kMs);
  });
  E.spawn([&] {
    E.S.interruptWait(A, Interrupt::Signal);
    E.point();
    E.point();
    E.S.wake(A);
  });
  E.joinAll();
  EXPECT_FALSE(Full);
  EXPECT_EQ(AfterPlainWake, Interrupt::None);
  EXPECT_TRUE(SecondFull);
  EXPECT_EQ(Obs.Seen.size(), 1u);
}

TEST(SchedulerTest, SleepersWakeInDeadlineOrder) {
  const uint64_t Deadlines[] = {3 * kMs, 1 * kMs, 2 * kMs, 2 * kMs + 500000};
  for (uint64_t Seed = 1; Seed <= 20; ++Seed) {
    RandomStrategy Strat(3);
    TestExecution E(Strat, Seed);
    std::vector<int> Order;
    uint64_t WokeAt[4] = {};
    for (int I = 0; I < 4; ++I)
      E.spawn([&, I] {
        E.point();
        E.sleepUntil(Deadlines[I]);
        Order.push_back(I);
        WokeAt[I] = E.S.now();
      });
    E.joinAll();
    EXPECT_EQ(Order, (std::vector<int>{1, 2, 3, 0})) << "seed " << Seed;
    for (int I = 0; I < 4; ++I) {
      EXPECT_GE(WokeAt[I], Deadlines[I]) << "sleeper " << I << ", seed " << Seed;
      // Time jumped to the deadline rather than crawling there step by step.
      EXPECT_LE(WokeAt[I], Deadlines[I] + 10 * Scheduler::kStepNs)
          << "sleeper " << I << ", seed " << Seed;
    }
  }
}

TEST(SchedulerTest, AdvancedTimeFiresTimersAtTheNextPoint) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  uint64_t WokeAt = 0;
  GreenThread *A = E.spawn([&] {
    E.sleepUntil(1 * kMs);
    WokeAt = E.S.now();
  });
  E.point(); // A starts sleeping
  ASSERT_EQ(A->Status, ThreadStatus::Blocked);
  E.S.advanceTime(2 * kMs);
  EXPECT_EQ(A->Status, ThreadStatus::Blocked); // no point yet
  E.point();
  EXPECT_EQ(A->Status, ThreadStatus::Finished);
  EXPECT_TRUE(A->TimedOut);
  EXPECT_GE(WokeAt, 2 * kMs);
  EXPECT_LT(WokeAt, 2 * kMs + 10 * Scheduler::kStepNs);
  E.joinAll();
}

//===--- Fairness ----------------------------------------------------------===//

TEST(SchedulerTest, ASpinningThreadDoesNotStarveAnother) {
  // A spins on access points until B is done; B needs 20 turns. Under the
  // random walk B finishes within a few dozen steps; 400 is far out in the
  // tail for every one of these seeds, and a starving scheduler never would.
  uint64_t WorstSteps = 0;
  for (uint64_t Seed = 1; Seed <= 100; ++Seed) {
    RandomStrategy Strat(1);
    TestExecution E(Strat, Seed);
    bool BDone = false;
    uint64_t BDoneAt = 0;
    int Spins = 0;
    E.spawn([&] {
      while (!BDone && Spins < 100000) {
        ++Spins;
        E.point(PointKind::Access);
      }
    });
    E.spawn([&] {
      for (int K = 0; K < 20; ++K)
        E.point(PointKind::Access);
      BDone = true;
      BDoneAt = E.S.steps();
    });
    E.joinAll();
    ASSERT_TRUE(BDone) << "seed " << Seed;
    EXPECT_LT(BDoneAt, 400u) << "seed " << Seed;
    EXPECT_GT(Spins, 0) << "seed " << Seed;
    WorstSteps = std::max(WorstSteps, BDoneAt);
  }
  EXPECT_GE(WorstSteps, 20u);
}

//===--- Executions that cannot go on -------------------------------------===//

// Each body runs inside the death test's child; the parent checks the code.
class SchedulerDeathTest : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

void deadlockAllBlocked() {
  RandomStrategy Strat(2);
  struct Obs final : SchedulerObserver {
    const Scheduler *S = nullptr;
    // Exits 42 only if the state is the one promised: every thread blocked.
    [[noreturn]] void onDeadlock() override {
      for (uint32_t I = 0; I < S->numThreads(); ++I)
        if (S->thread(ThreadId(I))->Status != ThreadStatus::Blocked)
          _exit(1);
      _exit(S->numThreads() == 3 ? 42 : 2);
    }
    [[noreturn]] void onStepLimit() override { _exit(3); }
  } O;
  TestExecution E(Strat, 4, 0, &O);
  O.S = &E.S;
  E.spawn([&] { E.block(WaitInfo{WaitKind::Mutex, 1}); });
  E.spawn([&] { E.block(WaitInfo{WaitKind::Mutex, 2}); });
  E.joinAll(); // T0 blocks too: nobody can run, nobody has a deadline
  _exit(0);
}

TEST_F(SchedulerDeathTest, AllBlockedWithoutDeadlineIsADeadlock) {
  EXPECT_EXIT(deadlockAllBlocked(), ::testing::ExitedWithCode(42), "");
}

void deadlockAfterTimersRunOut() {
  RandomStrategy Strat(2);
  struct Obs final : SchedulerObserver {
    const Scheduler *S = nullptr;
    [[noreturn]] void onDeadlock() override {
      // Virtual time reached the sleeper's deadline first.
      _exit(S->now() >= 3 * kMs ? 42 : 1);
    }
    [[noreturn]] void onStepLimit() override { _exit(3); }
  } O;
  TestExecution E(Strat, 9, 0, &O);
  O.S = &E.S;
  E.spawn([&] {
    E.sleepUntil(3 * kMs);
    E.block(WaitInfo{WaitKind::CondVar, 1});
  });
  E.joinAll();
  _exit(0);
}

TEST_F(SchedulerDeathTest, DeadlockIsReportedOnceNoTimerIsLeft) {
  EXPECT_EXIT(deadlockAfterTimersRunOut(), ::testing::ExitedWithCode(42), "");
}

void finishLeavingOnlyBlockedThreads() {
  RoundRobinStrategy Strat;
  struct Obs final : SchedulerObserver {
    [[noreturn]] void onDeadlock() override { _exit(42); }
    [[noreturn]] void onStepLimit() override { _exit(3); }
  } O;
  TestExecution E(Strat, 0, 0, &O);
  E.spawn([&] {});
  // T0 waits on something no one will signal; the worker's exit finds no
  // runnable thread.
  E.block(WaitInfo{WaitKind::CondVar, 7});
  _exit(0);
}

TEST_F(SchedulerDeathTest, FinishingWithOnlyBlockedThreadsLeftIsADeadlock) {
  EXPECT_EXIT(finishLeavingOnlyBlockedThreads(), ::testing::ExitedWithCode(42),
              "");
}

void runPoints(uint64_t MaxSteps, int Points, bool WithBudget = false) {
  // With a budget, the points are answered inline: the limit must hold
  // there too. 1/1000 keeps T1 going for all its points at seed 1.
  RandomStrategy Strat = WithBudget ? RandomStrategy(2, 1u, 1000u) : RandomStrategy(2);
  struct Obs final : SchedulerObserver {
    const Scheduler *S = nullptr;
    uint64_t Limit = 0;
    [[noreturn]] void onDeadlock() override { _exit(1); }
    // Called on the step that exceeds the limit, not later.
    [[noreturn]] void onStepLimit() override {
      _exit(S->steps() == Limit + 1 ? 43 : 2);
    }
  } O;
  O.Limit = MaxSteps;
  TestExecution E(Strat, 1, MaxSteps, &O);
  O.S = &E.S;
  E.spawn([&] {
    for (int I = 0; I < Points; ++I)
      E.point();
  });
  E.joinAll();
  _exit(7);
}

TEST_F(SchedulerDeathTest, StepLimitStopsTheExecution) {
  // The spawned thread takes Points steps and finishing takes one more.
  EXPECT_EXIT(runPoints(50, 100), ::testing::ExitedWithCode(43), "");
}

TEST_F(SchedulerDeathTest, StepLimitIsNotReachedAtExactlyMaxSteps) {
  // 1 step for T0 to block in joinAll, 48 points, 1 for the exit: 50 steps.
  EXPECT_EXIT(runPoints(50, 48), ::testing::ExitedWithCode(7), "");
  EXPECT_EXIT(runPoints(50, 49), ::testing::ExitedWithCode(43), "");
}

TEST_F(SchedulerDeathTest, StepLimitHoldsAtPointsTheBudgetAnswers) {
  EXPECT_EXIT(runPoints(50, 48, true), ::testing::ExitedWithCode(7), "");
  EXPECT_EXIT(runPoints(50, 49, true), ::testing::ExitedWithCode(43), "");
}

TEST_F(SchedulerDeathTest, ZeroMaxStepsMeansNoLimit) {
  EXPECT_EXIT(runPoints(0, 3000), ::testing::ExitedWithCode(7), "");
}

} // namespace

namespace {

//===--- Early wake-ups (exploration) -------------------------------------===//

TEST(SchedulerTest, EarlyWakeupsAskTheStrategyAndMoveTimeToTheDeadline) {
  RoundRobinStrategy Strat;
  Strat.ChooseAnswer = 1; // "yes, early"
  TestExecution E(Strat, 0);
  E.S.setEarlyWakeups(true);
  GreenThread *Other = E.spawn([&] { E.record(); });
  E.sleepUntil(50 * kMs);
  EXPECT_EQ(Strat.Choices, 1u);
  EXPECT_GE(E.S.now(), 50 * kMs);
  // A timed wait may time out before anyone wakes it.
  EXPECT_FALSE(E.blockUntil(WaitInfo{WaitKind::CondVar, 0x40}, 80 * kMs));
  EXPECT_EQ(Strat.Choices, 2u);
  EXPECT_GE(E.S.now(), 80 * kMs);
  (void)Other;
  E.joinAll();
}

TEST(SchedulerTest, WithoutEarlyWakeupsSleepsAskNothing) {
  RoundRobinStrategy Strat;
  Strat.ChooseAnswer = 1;
  TestExecution E(Strat, 0);
  E.sleepUntil(5 * kMs);
  EXPECT_FALSE(E.blockUntil(WaitInfo{WaitKind::CondVar, 0x40}, 9 * kMs));
  EXPECT_EQ(Strat.Choices, 0u);
  EXPECT_EQ(E.S.now(), 9 * kMs);
  E.joinAll();
}

/// Records what the scheduler asks of the outside world, and answers as told.
struct OutsideObserver final : SchedulerObserver {
  [[noreturn]] void onDeadlock() override {
    fprintf(stderr, "unexpected deadlock in a scheduler test\n");
    abort();
  }
  [[noreturn]] void onStepLimit() override { abort(); }
  OutsideWait waitOutside(uint64_t MaxNs, bool MayBlock) override {
    Asked.push_back(MaxNs);
    MayBlockSeen.push_back(MayBlock);
    if (Wake) {
      S->wake(Wake);
      Wake = nullptr;
      return OutsideWait::Woke;
    }
    return OutsideWait::TimedOut;
  }
  Scheduler *S = nullptr;
  GreenThread *Wake = nullptr; // woken at the next question
  std::vector<uint64_t> Asked;
  std::vector<bool> MayBlockSeen;
};

TEST(SchedulerTest, ADescriptorWaitAloneWaitsOutsideForTheTimeLeft) {
  RoundRobinStrategy Strat;
  OutsideObserver O;
  TestExecution E(Strat, 0, 0, &O);
  O.S = &E.S;
  uint64_t Start = E.S.now();
  EXPECT_FALSE(E.blockUntil(WaitInfo{WaitKind::Descriptors, 3}, Start + 5 * kMs));
  // Asked once, for the whole timeout less the step the block took; the
  // real wait took it, and so did virtual time.
  ASSERT_EQ(O.Asked.size(), 1u);
  EXPECT_EQ(O.Asked[0], 5 * kMs - Scheduler::kStepNs);
  EXPECT_TRUE(O.MayBlockSeen[0]);
  EXPECT_EQ(E.S.now(), Start + 5 * kMs);
  E.joinAll();
}

TEST(SchedulerTest, BeforeASleepersDeadlineTheOutsideIsOnlyLookedAt) {
  RoundRobinStrategy Strat;
  OutsideObserver O;
  TestExecution E(Strat, 0, 0, &O);
  O.S = &E.S;
  E.spawn([&] { E.sleepUntil(2 * kMs); });
  EXPECT_FALSE(E.blockUntil(WaitInfo{WaitKind::Descriptors, 3}, 5 * kMs));
  // First the sleeper's deadline: a look (0), and virtual time jumps; then
  // only the descriptor wait is left: a real wait for the rest.
  ASSERT_GE(O.Asked.size(), 2u);
  EXPECT_EQ(O.Asked.front(), 0u);
  EXPECT_GT(O.Asked.back(), 0u);
  EXPECT_LE(O.Asked.back(), 3 * kMs);
  EXPECT_EQ(E.S.now(), 5 * kMs);
  E.joinAll();
}

TEST(SchedulerTest, AnOutsideEventWakesADescriptorWaitWithoutDeadline) {
  RoundRobinStrategy Strat;
  OutsideObserver O;
  TestExecution E(Strat, 0, 0, &O);
  O.S = &E.S;
  O.Wake = &E.Main;
  // Without the observer's event this would be a deadlock.
  E.block(WaitInfo{WaitKind::Descriptors, 3});
  ASSERT_EQ(O.Asked.size(), 1u);
  EXPECT_EQ(O.Asked[0], kNoDeadline);
  EXPECT_EQ(E.Main.Status, ThreadStatus::Runnable);
  E.joinAll();
}

} // namespace
