//===- user_switch_test.cc - Hand-offs switched in user space -------------===//
//
// thread_switch=user (user_switch.h) must change where a green thread runs,
// never who runs: the same seed gives the same interleaving, step count and
// hand-offs as the futex hand-off. Each thread's TLS follows it onto
// whichever OS thread carries it, only the holder runs, a system call runs on
// the caller's own OS thread, and a pinned thread never leaves its own.
// These run real OS threads through the TestExecution harness.
//
//===----------------------------------------------------------------------===//

#include "strategies/random_strategy.h"
#include "scheduler.h"
#include "test_execution.h"

#include <gtest/gtest.h>

#include <atomic>
#include <sys/syscall.h>
#include <unistd.h>

using namespace weft;
using namespace weft::test;

namespace {

/// The OS thread running the caller (no interceptor in this binary).
long osTid() { return syscall(SYS_gettid); }

struct Pipe {
  int Fd[2];
  Pipe() { EXPECT_EQ(pipe(Fd), 0); }
  ~Pipe() {
    close(Fd[0]);
    close(Fd[1]);
  }
};

struct MixedRun {
  std::vector<uint32_t> Trace;
  uint64_t Steps, HandOffs;
  int MaxRunning, WrongCurrent, TlsLost;
  bool RanAway; // some thread ran on an OS thread not its own
};

thread_local int MyIndex = -1;

/// Four threads take scheduling points of both kinds; one blocks until
/// another wakes it; one creates a fifth thread.
MixedRun runMixed(uint64_t Seed, bool User) {
  RandomStrategy Strat(2);
  TestExecution E(Strat, Seed, 0, nullptr, User);
  std::atomic<bool> RanAway{false};
  std::atomic<int> TlsLost{0};
  GreenThread *Sleeper = nullptr;
  bool Released = false; // under the baton
  auto Body = [&](int I) {
    long Home = osTid(); // the first turn is on the thread's own OS thread
    MyIndex = I;
    for (int K = 0; K < 40; ++K) {
      E.record();
      if (osTid() != Home)
        RanAway = true;
      if (MyIndex != I)
        ++TlsLost;
      E.point(K % 10 == 0 ? PointKind::Sync : PointKind::Access);
      if (I == 1 && K == 20)
        while (!Released)
          E.block(WaitInfo{WaitKind::Mutex, 1});
      if (I == 2 && K == 30) {
        Released = true;
        E.S.wake(Sleeper);
      }
      if (I == 3 && K == 5)
        E.spawn([&] {
          for (int J = 0; J < 10; ++J) {
            E.record();
            E.point(PointKind::Yield);
          }
        });
    }
  };
  for (int I = 0; I < 4; ++I) {
    GreenThread *G = E.spawn([&, I] { Body(I); });
    if (I == 1)
      Sleeper = G;
  }
  E.point(PointKind::ThreadCreate);
  E.joinAll();
  return {E.Trace, E.S.steps(), E.S.handOffs(), E.MaxRunning.load(), E.WrongCurrent.load(),
          TlsLost.load(), RanAway.load()};
}

TEST(UserSwitchTest, SameInterleavingAsTheFutexHandOff) {
  for (uint64_t Seed : {1ull, 2ull, 3ull, 0xfeedull}) {
    MixedRun Os = runMixed(Seed, false);
    MixedRun User = runMixed(Seed, true);
    EXPECT_EQ(Os.Trace, User.Trace) << "seed " << Seed;
    EXPECT_EQ(Os.Steps, User.Steps) << "seed " << Seed;
    EXPECT_EQ(Os.HandOffs, User.HandOffs) << "seed " << Seed;
  }
}

TEST(UserSwitchTest, OneThreadRunsAndItsTlsFollowsItAcrossOsThreads) {
  for (uint64_t Seed = 1; Seed <= 5; ++Seed) {
    MixedRun R = runMixed(Seed, true);
    EXPECT_EQ(R.MaxRunning, 1) << "seed " << Seed;
    EXPECT_EQ(R.WrongCurrent, 0) << "seed " << Seed; // a thread_local check too
    EXPECT_EQ(R.TlsLost, 0) << "seed " << Seed;
    EXPECT_TRUE(R.RanAway) << "seed " << Seed << ": nobody was switched in user space";
    EXPECT_EQ(R.Trace.size(), 4u * 40 + 10);
  }
}

TEST(UserSwitchTest, WithTheFutexHandOffEveryThreadStaysHome) {
  MixedRun R = runMixed(1, false);
  EXPECT_FALSE(R.RanAway);
  EXPECT_EQ(R.MaxRunning, 1);
}

TEST(UserSwitchTest, ASystemCallRunsOnTheCallersOwnOsThread) {
  for (uint64_t Seed = 1; Seed <= 10; ++Seed) {
    RandomStrategy Strat(2);
    TestExecution E(Strat, Seed, 0, nullptr, /*UserSwitch=*/true);
    Pipe P;
    long ReaderHome = 0, InCall = 0;
    char Got = 0;
    E.spawn([&] {
      ReaderHome = osTid();
      for (int I = 0; I < 5; ++I)
        E.point();
      E.syscall({"read", P.Fd[0]}, [&] {
        InCall = osTid();
        ASSERT_EQ(read(P.Fd[0], &Got, 1), 1);
      });
      for (int I = 0; I < 5; ++I)
        E.point();
    });
    E.spawn([&] {
      for (int I = 0; I < 10; ++I)
        E.point();
      ASSERT_EQ(write(P.Fd[1], "x", 1), 1);
      for (int I = 0; I < 5; ++I)
        E.point();
    });
    E.joinAll();
    EXPECT_EQ(Got, 'x');
    EXPECT_EQ(InCall, ReaderHome) << "seed " << Seed;
    EXPECT_EQ(E.MaxRunning.load(), 1);
    EXPECT_EQ(E.WrongCurrent.load(), 0);
    EXPECT_EQ(E.S.inSyscall(), 0u);
  }
}

TEST(UserSwitchTest, APinnedThreadNeverLeavesItsOsThread) {
  for (uint64_t Seed = 1; Seed <= 5; ++Seed) {
    RandomStrategy Strat(2);
    TestExecution E(Strat, Seed, 0, nullptr, /*UserSwitch=*/true);
    std::atomic<int> Away{0};
    std::atomic<bool> OthersRanAway{false};
    E.spawn([&] {
      long Home = osTid();
      E.S.pinCurrent(/*ForMask=*/false);
      for (int I = 0; I < 40; ++I) {
        E.point();
        if (osTid() != Home)
          ++Away;
      }
    });
    for (int T = 0; T < 2; ++T)
      E.spawn([&] {
        long Home = osTid();
        for (int I = 0; I < 40; ++I) {
          E.point();
          if (osTid() != Home)
            OthersRanAway = true;
        }
      });
    E.joinAll();
    EXPECT_EQ(Away.load(), 0) << "seed " << Seed;
    EXPECT_TRUE(OthersRanAway.load()) << "seed " << Seed;
    EXPECT_EQ(E.MaxRunning.load(), 1);
  }
}

TEST(UserSwitchTest, GoHomeKeepsTheBaton) {
  RandomStrategy Strat(2);
  TestExecution E(Strat, 3, 0, nullptr, /*UserSwitch=*/true);
  long Home = 0, After = 0;
  bool StillCurrent = false;
  GreenThread *Me = E.spawn([&] {
    Home = osTid();
    for (int I = 0; I < 30; ++I)
      E.point();
    GreenThread *Cur = E.S.current();
    E.S.goHome();
    After = osTid();
    StillCurrent = E.S.current() == Cur;
  });
  E.spawn([&] {
    for (int I = 0; I < 30; ++I)
      E.point();
  });
  E.joinAll();
  (void)Me;
  EXPECT_EQ(After, Home);
  EXPECT_TRUE(StillCurrent);
  EXPECT_EQ(E.MaxRunning.load(), 1);
}

} // namespace
