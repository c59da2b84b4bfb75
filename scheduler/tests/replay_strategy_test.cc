//===- replay_strategy_test.cc - Recording, the text form, strict replay --===//

#include "strategies/random_strategy.h"
#include "strategies/recording_strategy.h"
#include "strategies/replay_strategy.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

using namespace weft;

namespace {

const ThreadId kThree[] = {ThreadId(0), ThreadId(1), ThreadId(2)};
const ThreadId kOneTwo[] = {ThreadId(1), ThreadId(2)};

std::vector<std::string> Messages;
void collect(const char *M) { Messages.push_back(M); }

std::string toText(const ScheduleLog &Log) {
  std::string S;
  char Tok[32];
  for (const Decision &D : Log) {
    formatDecision(D, Tok);
    S += Tok;
    S += ' ';
  }
  return S;
}

void parse(const std::string &Text, ScheduleLog &Log) {
  size_t Err = 0;
  EXPECT_TRUE(parseDecisions(Text.data(), Text.size(), Log, Err)) << Text;
}

/// Questions a scheduler would ask, answered by S; returns the answers.
std::vector<uint32_t> drive(Strategy &S, uint64_t Seed) {
  S.beginExecution(Seed);
  std::vector<uint32_t> Out;
  ThreadId Cur = ThreadId(0);
  for (int I = 0; I < 30; ++I) {
    Cur = S.pickNext(kThree, 3, Cur, PointKind::Sync, 0);
    Out.push_back(index(Cur));
    Out.push_back(S.nextQuantum());
    if (I % 5 == 0)
      Out.push_back(S.choose(ChoiceKind::WakeWaiter, 3));
    if (I % 7 == 0)
      Out.push_back(S.choose(ChoiceKind::SleepEarly, 2));
  }
  return Out;
}

TEST(ScheduleTest, TokensRoundTrip) {
  ScheduleLog Log;
  parse("T0 q17 T12! w1/3 t0/2 e1/2 s0/2 T4-\n", Log);
  ASSERT_EQ(Log.size(), 8u);
  EXPECT_EQ(Log[2].Value, 12u);
  EXPECT_TRUE(Log[2].Preemption);
  EXPECT_EQ(Log[3].Choice, ChoiceKind::WakeWaiter);
  EXPECT_EQ(Log[3].Bound, 3u);
  EXPECT_TRUE(Log[7].Removed);
  EXPECT_EQ(toText(Log), "T0 q17 T12! w1/3 t0/2 e1/2 s0/2 T4- ");
}

TEST(ScheduleTest, MalformedTokensAreRejectedWithTheirOffset) {
  for (const char *Bad : {"T", "Tx", "q0", "w3/3", "w1", "x1/2", "T1 T2?", "q99999999999"}) {
    ScheduleLog Log;
    size_t Err = 99;
    EXPECT_FALSE(parseDecisions(Bad, strlen(Bad), Log, Err)) << Bad;
  }
  ScheduleLog Log;
  size_t Err = 0;
  EXPECT_FALSE(parseDecisions("T1 q2 zz", 8, Log, Err));
  EXPECT_EQ(Err, 6u);
}

TEST(ReplayStrategyTest, ReplaysARecordingExactly) {
  ScheduleLog Log;
  RandomStrategy Inner(4);
  RecordingStrategy Rec(&Inner, &Log);
  std::vector<uint32_t> Original = drive(Rec, 42);
  ScheduleLog Reparsed;
  parse(toText(Log), Reparsed);
  Messages.clear();
  ReplayStrategy Replay(&Reparsed, false, 7, collect);
  EXPECT_EQ(drive(Replay, 0), Original);
  Replay.checkFinished();
  EXPECT_TRUE(Messages.empty()) << Messages[0];
}

TEST(ReplayStrategyTest, RecordingMarksPreemptions) {
  ScheduleLog Log;
  RandomStrategy Inner(4);
  RecordingStrategy Rec(&Inner, &Log);
  Rec.beginExecution(1);
  uint64_t Expected = 0;
  ThreadId Cur = ThreadId(0);
  for (int I = 0; I < 50; ++I) {
    ThreadId Next = Rec.pickNext(kThree, 3, Cur, PointKind::Sync, 0);
    Expected += Next != Cur;
    Cur = Next;
  }
  // Blocked current thread: a switch is not a preemption.
  Rec.pickNext(kOneTwo, 2, ThreadId(0), PointKind::Block, 0);
  EXPECT_EQ(Rec.preemptions(), Expected);
  EXPECT_FALSE(Log[Log.size() - 1].Preemption);
}

TEST(ReplayStrategyTest, ReportsAThreadThatIsNotRunnable) {
  ScheduleLog Log;
  parse("T0 q1 T3 q1", Log);
  Messages.clear();
  ReplayStrategy R(&Log, false, 7, collect);
  R.beginExecution(0);
  EXPECT_EQ(R.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0), ThreadId(0));
  EXPECT_EQ(R.nextQuantum(), 1u);
  R.pickNext(kOneTwo, 2, ThreadId(0), PointKind::Block, 0);
  ASSERT_EQ(Messages.size(), 1u);
  EXPECT_EQ(Messages[0],
            "weft: replay diverged at step 2: expected T3, runnable were {T1,T2}");
}

TEST(ReplayStrategyTest, ReportsAQuestionOfTheWrongKind) {
  ScheduleLog Log;
  parse("T0 w1/2", Log);
  Messages.clear();
  ReplayStrategy R(&Log, false, 7, collect);
  R.beginExecution(0);
  R.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0);
  R.nextQuantum();
  ASSERT_EQ(Messages.size(), 1u);
  EXPECT_EQ(Messages[0], "weft: replay diverged at step 1: expected 'w1/2', but "
                         "the run asked for a quantum");
}

TEST(ReplayStrategyTest, ReportsAChoiceWithADifferentBound) {
  ScheduleLog Log;
  parse("w1/2", Log);
  Messages.clear();
  ReplayStrategy R(&Log, false, 7, collect);
  R.beginExecution(0);
  R.choose(ChoiceKind::WakeWaiter, 3);
  ASSERT_EQ(Messages.size(), 1u);
  EXPECT_EQ(Messages[0], "weft: replay diverged at step 0: expected 'w1/2', but "
                         "the run asked for a wake-waiter choice among 3");
}

TEST(ReplayStrategyTest, ReportsARunLongerOrShorterThanTheSchedule) {
  ScheduleLog Log;
  parse("T0 q1", Log);
  Messages.clear();
  ReplayStrategy R(&Log, false, 7, collect);
  R.beginExecution(0);
  R.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0);
  R.checkFinished();
  ASSERT_EQ(Messages.size(), 1u);
  EXPECT_EQ(Messages[0], "weft: replay diverged at step 1: the run ended with 1 "
                         "of 2 recorded decisions unused");
  Messages.clear();
  ReplayStrategy R2(&Log, false, 7, collect);
  R2.beginExecution(0);
  R2.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0);
  R2.nextQuantum();
  R2.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0);
  ASSERT_EQ(Messages.size(), 1u);
  EXPECT_EQ(Messages[0], "weft: replay diverged at step 2: the schedule has no "
                         "more decisions (2 recorded), but the run asked for "
                         "the next thread");
}

TEST(ReplayStrategyTest, FillModeTakesMarkedPreemptionsAndNothingElse) {
  ScheduleLog Log;
  parse("T0 q1 T1! q2 T1 q3 T0 q4", Log);
  Messages.clear();
  ReplayStrategy R(&Log, true, 9, collect);
  R.beginExecution(0);
  EXPECT_EQ(R.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0), ThreadId(0));
  EXPECT_EQ(R.nextQuantum(), 1u);
  EXPECT_EQ(R.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0), ThreadId(1));
  EXPECT_EQ(R.nextQuantum(), 2u);
  EXPECT_EQ(R.pickNext(kThree, 3, ThreadId(1), PointKind::Sync, 0), ThreadId(1));
  EXPECT_EQ(R.nextQuantum(), 3u);
  // T0 unmarked while T1 can run: not a preemption the hints may add.
  EXPECT_EQ(R.pickNext(kThree, 3, ThreadId(1), PointKind::Sync, 0), ThreadId(1));
  EXPECT_EQ(R.nextQuantum(), 9u);
  // Past the hints: choice 0, current thread, lowest id when it blocks.
  EXPECT_EQ(R.choose(ChoiceKind::WakeWaiter, 3), 0u);
  EXPECT_EQ(R.pickNext(kOneTwo, 2, ThreadId(0), PointKind::Block, 0), ThreadId(1));
  R.checkFinished();
  EXPECT_TRUE(Messages.empty());
}

TEST(ReplayStrategyTest, FillModeKeysHintsByThreadSoARemovedPreemptionShiftsNothing) {
  ScheduleLog Log;
  parse("T0 q1 T1- q2 T1 q3 T0 q4 w1/2", Log);
  ReplayStrategy R(&Log, true, 9, collect);
  R.beginExecution(0);
  EXPECT_EQ(R.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0), ThreadId(0));
  EXPECT_EQ(R.nextQuantum(), 1u);
  // The removed preemption: T0 goes on, with T0's next quantum.
  EXPECT_EQ(R.pickNext(kThree, 3, ThreadId(0), PointKind::Sync, 0), ThreadId(0));
  EXPECT_EQ(R.nextQuantum(), 4u);
  // T0 blocks: T1 runs with T1's own hints, from its first.
  EXPECT_EQ(R.pickNext(kOneTwo, 2, ThreadId(0), PointKind::Block, 0), ThreadId(1));
  EXPECT_EQ(R.nextQuantum(), 2u);
  EXPECT_EQ(R.pickNext(kThree, 3, ThreadId(1), PointKind::Sync, 0), ThreadId(1));
  EXPECT_EQ(R.nextQuantum(), 3u);
  // T1 blocks; its hint names T0, which may run.
  const ThreadId ZeroTwo[] = {ThreadId(0), ThreadId(2)};
  EXPECT_EQ(R.pickNext(ZeroTwo, 2, ThreadId(1), PointKind::Block, 0), ThreadId(0));
  EXPECT_EQ(R.nextQuantum(), 9u); // T0's hints are used up
  EXPECT_EQ(R.choose(ChoiceKind::WakeWaiter, 2), 1u);
}

} // namespace
