//===- syscall_leave_test.cc - Threads leave the schedule for system calls ===//
//
// A thread that makes a system call which may block until another program
// thread acts must not hold the baton meanwhile. These tests use real pipes
// between real OS threads: the reader leaves the schedule, the writer runs,
// the reader comes back through the pending list. They also pin when a run
// is flagged as depending on system-call timing, that a parked (idle) baton
// is taken by the returning thread, that deadlock is still found, and the
// reset of the scheduler in a fork child.
//
//===----------------------------------------------------------------------===//

#include "strategies/random_strategy.h"
#include "scheduler.h"
#include "test_execution.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <unistd.h>

using namespace weft;
using namespace weft::test;

namespace {

struct Pipe {
  int Fd[2];
  Pipe() { EXPECT_EQ(pipe(Fd), 0); }
  ~Pipe() {
    close(Fd[0]);
    close(Fd[1]);
  }
};

TEST(SyscallLeaveTest, AReaderLeavesAndTheWriterRuns) {
  for (uint64_t Seed = 1; Seed <= 20; ++Seed) {
    RandomStrategy Strat(2);
    TestExecution E(Strat, Seed);
    Pipe P;
    char Got = 0;
    bool Dependent = false;
    E.spawn([&] {
      Dependent = E.syscall({"read", P.Fd[0]},
                            [&] { ASSERT_EQ(read(P.Fd[0], &Got, 1), 1); });
      E.record();
    });
    E.spawn([&] {
      for (int I = 0; I < 5; ++I)
        E.point();
      ASSERT_EQ(write(P.Fd[1], "x", 1), 1);
    });
    E.joinAll();
    EXPECT_EQ(Got, 'x');
    EXPECT_EQ(E.MaxRunning.load(), 1);
    EXPECT_EQ(E.WrongCurrent.load(), 0);
    EXPECT_EQ(E.S.inSyscall(), 0u);
    (void)Dependent;
  }
}

TEST(SyscallLeaveTest, ALoneCallIsNotFlagged) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  Pipe P;
  ASSERT_EQ(write(P.Fd[1], "y", 1), 1);
  char Got = 0;
  bool Dependent =
      E.syscall({"read", P.Fd[0]}, [&] { ASSERT_EQ(read(P.Fd[0], &Got, 1), 1); });
  EXPECT_FALSE(Dependent);
  EXPECT_FALSE(E.S.dependsOnSyscalls());
  EXPECT_EQ(E.S.current(), &E.Main);
  EXPECT_EQ(Got, 'y');
  E.joinAll();
}

TEST(SyscallLeaveTest, ACallWhileOthersCanRunIsFlaggedWithItsName) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  Pipe P;
  E.spawn([&] { ASSERT_EQ(write(P.Fd[1], "z", 1), 1); });
  char Got = 0;
  EXPECT_TRUE(E.syscall({"read", P.Fd[0]},
                        [&] { ASSERT_EQ(read(P.Fd[0], &Got, 1), 1); }));
  EXPECT_TRUE(E.S.dependsOnSyscalls());
  EXPECT_STREQ(E.S.firstDependentSyscall().Name, "read");
  EXPECT_EQ(E.S.firstDependentSyscall().Fd, P.Fd[0]);
  E.joinAll();
}

// T0 blocks (join) while T1 is in a read that only an unscheduled OS thread
// satisfies: nothing is runnable, but that is not a deadlock. The baton is
// parked and T1 takes it when it returns.
TEST(SyscallLeaveTest, NothingRunnableButAThreadInASyscallIsNotADeadlock) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  Pipe P;
  std::atomic<bool> InRead{false};
  E.spawn([&] {
    char C;
    E.syscall({"read", P.Fd[0]}, [&] {
      InRead = true;
      ASSERT_EQ(read(P.Fd[0], &C, 1), 1);
    });
  });
  std::thread Outside([&] {
    while (!InRead)
      usleep(100);
    usleep(20000);
    ASSERT_EQ(write(P.Fd[1], "w", 1), 1);
  });
  E.joinAll();
  Outside.join();
  EXPECT_EQ(E.MaxRunning.load(), 1);
}

// Two threads in system calls at once, returning in an order the scheduler
// cannot know: both come back, one at a time.
TEST(SyscallLeaveTest, ManyThreadsInSyscallsAllComeBack) {
  for (uint64_t Seed = 1; Seed <= 10; ++Seed) {
    RandomStrategy Strat(1);
    TestExecution E(Strat, Seed);
    Pipe P;
    int Done = 0;
    for (int I = 0; I < 4; ++I)
      E.spawn([&] {
        char C;
        E.syscall({"read", P.Fd[0]}, [&] { ASSERT_EQ(read(P.Fd[0], &C, 1), 1); });
        ++Done;
      });
    E.spawn([&] {
      for (int I = 0; I < 4; ++I) {
        E.point();
        E.syscall({"write", P.Fd[1]}, [&] { ASSERT_EQ(write(P.Fd[1], "abcd" + I, 1), 1); });
      }
    });
    E.joinAll();
    EXPECT_EQ(Done, 4);
    EXPECT_EQ(E.MaxRunning.load(), 1);
    EXPECT_TRUE(E.S.dependsOnSyscalls());
  }
}

// A sleeper's timer is virtual: with the only other thread in a system call,
// virtual time jumps to the deadline instead of waiting for the call.
TEST(SyscallLeaveTest, TimersStillFireWhileAThreadIsInASyscall) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  Pipe P;
  E.spawn([&] {
    char C;
    E.syscall({"read", P.Fd[0]}, [&] { ASSERT_EQ(read(P.Fd[0], &C, 1), 1); });
  });
  E.spawn([&] {
    E.sleepUntil(E.S.now() + 1000 * 1000 * 1000);
    ASSERT_EQ(write(P.Fd[1], "s", 1), 1);
  });
  E.joinAll();
}

TEST(SyscallLeaveTest, ResetAfterForkKeepsOnlyTheSurvivor) {
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0);
  E.spawn([&] { E.record(); });
  E.joinAll();
  // Reset of the finished execution's scheduler onto T0, as a fork child
  // would: T0 runnable, holds the baton, the others finished.
  E.S.resetAfterFork(&E.Main);
  EXPECT_EQ(E.S.current(), &E.Main);
  EXPECT_EQ(E.Main.Status, ThreadStatus::Runnable);
  EXPECT_EQ(E.S.thread(static_cast<ThreadId>(1))->Status, ThreadStatus::Finished);
  EXPECT_EQ(E.Main.Baton.load(), 1u);
  E.S.point(PointKind::Yield); // only T0 can run: returns at once
  EXPECT_EQ(E.S.current(), &E.Main);
}

class SyscallLeaveDeathTest : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// After the thread in a system call has returned, blocking everyone is a
// deadlock again.
void deadlockAfterTheSyscallReturned() {
  struct ExitObserver final : SchedulerObserver {
    [[noreturn]] void onDeadlock() override { _exit(42); }
    [[noreturn]] void onStepLimit() override { _exit(2); }
  } O;
  RoundRobinStrategy Strat;
  TestExecution E(Strat, 0, 0, &O);
  Pipe P;
  ASSERT_EQ(write(P.Fd[1], "d", 1), 1);
  E.spawn([&] {
    char C;
    E.syscall({"read", P.Fd[0]}, [&] { ASSERT_EQ(read(P.Fd[0], &C, 1), 1); });
    E.block(WaitInfo{WaitKind::Mutex, 1});
  });
  E.block(WaitInfo{WaitKind::Mutex, 2});
  _exit(3);
}

TEST_F(SyscallLeaveDeathTest, DeadlockOnceNoThreadIsInASyscall) {
  EXPECT_EXIT(deadlockAfterTheSyscallReturned(), ::testing::ExitedWithCode(42), "");
}

} // namespace
