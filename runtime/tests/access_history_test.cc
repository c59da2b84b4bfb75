//===- access_history_test.cc - Records of recorded accesses' stacks ------===//
//
// The access history answers "which stack stored this slot value at this
// granule": a wrong answer prints a wrong previous stack in a race report,
// with nothing to tell it is wrong. So the look-ups are checked against a
// naive model (a map from (granule, slot value) to the context of the last
// store of that value there) on random streams of stores: contiguous runs,
// interleaved arrays, repeats, several clock slots, epochs moving on. With
// generations, a look-up may also find nothing, but never a wrong context,
// and never nothing for a store of the current or the previous generation.
//
//===----------------------------------------------------------------------===//

#include "shadow/access_history.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>
#include <tuple>
#include <vector>

using namespace weft;

namespace {

// Clock slots of their own, so that the tests do not see each other's
// records (the history is one per process).
Sid testSid(unsigned Test, unsigned I) { return Sid(1000 + 16 * Test + I); }

constexpr uintptr_t kBase = 0x10000000;

struct Model {
  // (granule address, slot value) -> context of the latest store.
  std::map<std::pair<uintptr_t, RawSlot>, uint32_t> Last;
  // The generation each entry was stored in.
  std::map<std::pair<uintptr_t, RawSlot>, unsigned> Gen;
  void store(uintptr_t G, size_t N, RawSlot S, uint32_t C, unsigned Generation) {
    for (size_t I = 0; I < N; ++I) {
      Last[{G + I * 8, S}] = C;
      Gen[{G + I * 8, S}] = Generation;
    }
  }
};

TEST(AccessHistoryTest, CoalescedRunsAreOneRecordAndStillExact) {
  RawSlot S = makeSlot(testSid(0, 0), 5, 0xff, true, false);
  // Ascending, then descending, then a repeat: all fold into one record.
  for (unsigned I = 0; I < 1000; ++I)
    access_history::record(kBase + I * 8, 1, S, 42);
  access_history::record(kBase - 8, 1, S, 42);
  access_history::record(kBase + 500 * 8, 1, S, 42);
  uint32_t C = 0;
  for (int I = -1; I < 1000; ++I) {
    ASSERT_TRUE(access_history::lookup(kBase + I * 8, S, &C)) << I;
    EXPECT_EQ(C, 42u);
  }
  EXPECT_FALSE(access_history::lookup(kBase + 1000 * 8, S, &C));
  EXPECT_FALSE(access_history::lookup(kBase - 16, S, &C));
  // Another slot value at the same granules is another access.
  EXPECT_FALSE(access_history::lookup(kBase, S | kAtomicBit, &C));
  // A later store of the same value with another stack wins where it was.
  access_history::record(kBase + 10 * 8, 1, S, 43);
  ASSERT_TRUE(access_history::lookup(kBase + 10 * 8, S, &C));
  EXPECT_EQ(C, 43u);
  ASSERT_TRUE(access_history::lookup(kBase + 11 * 8, S, &C));
  EXPECT_EQ(C, 42u);
  // ... and a store continuing the older record there is not folded into
  // it (the newer record would hide it from a look-up).
  access_history::record(kBase + 10 * 8, 1, S, 42);
  ASSERT_TRUE(access_history::lookup(kBase + 10 * 8, S, &C));
  EXPECT_EQ(C, 42u);
}

TEST(AccessHistoryTest, InterleavedArraysEachStayOneRun) {
  // a[i] = b[i] + c[i]: three streams of one thread, one epoch.
  RawSlot R = makeSlot(testSid(1, 0), 9, 0xff, false, false);
  RawSlot W = makeSlot(testSid(1, 0), 9, 0xff, true, false);
  const uintptr_t A = kBase, B = kBase + 0x100000, Cc = kBase + 0x200000;
  size_t Before = access_history::chunksInUse();
  for (unsigned I = 0; I < 10000; ++I) {
    access_history::record(B + I * 8, 1, R, 1);
    access_history::record(Cc + I * 8, 1, R, 2);
    access_history::record(A + I * 8, 1, W, 3);
  }
  EXPECT_LE(access_history::chunksInUse() - Before, 1u);
  uint32_t C = 0;
  for (unsigned I = 0; I < 10000; I += 997) {
    ASSERT_TRUE(access_history::lookup(B + I * 8, R, &C));
    EXPECT_EQ(C, 1u);
    ASSERT_TRUE(access_history::lookup(Cc + I * 8, R, &C));
    EXPECT_EQ(C, 2u);
    ASSERT_TRUE(access_history::lookup(A + I * 8, W, &C));
    EXPECT_EQ(C, 3u);
  }
}

TEST(AccessHistoryTest, OneGranuleRecordsFoldAsRecordDoes) {
  // recordOne, the access check's call, tests a full window of four
  // without a branch per record before it folds: a stream of one array
  // still folds into one run while random granules (probes of a table)
  // append, and every look-up stays exact.
  RawSlot S = makeSlot(testSid(4, 0), 3, 0xff, false, false);
  const uintptr_t Stream = kBase + 0x3000000, Table = kBase + 0x4000000;
  std::mt19937_64 Rng(0x5eed0014);
  std::vector<uintptr_t> Probes;
  size_t Before = access_history::chunksInUse();
  for (unsigned I = 0; I < 4000; ++I) {
    access_history::recordOne(Stream + I * 8, S, 7);
    // Every 16th, a probe of a 2^20-granule table: far from the stream
    // and (almost always) from the last probes.
    if (I % 16 == 0) {
      Probes.push_back(Table + (Rng() % (1u << 20)) * 8);
      access_history::recordOne(Probes.back(), S, 8);
    }
  }
  // The 250 probes are 250 records (3 chunks of 83); the stream, one run
  // that each probe's record leaves inside the window of four.
  EXPECT_LE(access_history::chunksInUse() - Before, 4u);
  uint32_t C = 0;
  for (unsigned I = 0; I < 4000; I += 37) {
    ASSERT_TRUE(access_history::lookup(Stream + I * 8, S, &C)) << I;
    EXPECT_EQ(C, 7u);
  }
  for (uintptr_t P : Probes) {
    ASSERT_TRUE(access_history::lookup(P, S, &C));
    EXPECT_EQ(C, 8u);
  }
  EXPECT_FALSE(access_history::lookup(Stream + 4000 * 8, S, &C));
}

TEST(AccessHistoryTest, MatchesANaiveModel) {
  const uint64_t Seed = 0x5eed0011;
  std::mt19937_64 Rng(Seed);
  Model M;
  std::vector<std::pair<uintptr_t, RawSlot>> Keys;
  Epoch Epochs[4] = {1, 1, 1, 1};
  for (unsigned Step = 0; Step < 60000; ++Step) {
    unsigned T = Rng() % 4;
    if (Rng() % 64 == 0)
      ++Epochs[T]; // a release
    uintptr_t G = kBase + 0x1000000 + (Rng() % 512) * 8;
    size_t N = Rng() % 8 == 0 ? 1 + Rng() % 16 : 1;
    RawSlot S = makeSlot(testSid(2, T), Epochs[T], uint8_t(1u << (Rng() % 3)), Rng() % 2, false);
    uint32_t Ctx = uint32_t(Rng() % 5);
    // One granule goes either way: recordOne is the access check's record.
    if (N == 1 && Rng() % 2)
      access_history::recordOne(G, S, Ctx);
    else
      access_history::record(G, N, S, Ctx);
    for (size_t I = 0; I < N; ++I)
      if (!M.Last.count({G + I * 8, S}))
        Keys.push_back({G + I * 8, S});
    M.store(G, N, S, Ctx, 0);
    if (Step % 64 == 0) {
      // A value stored at some granule, at random (recent ones as often
      // as old ones: the keys are kept in the order first stored).
      const auto &Key = Keys[Rng() % Keys.size()];
      uint32_t Got = ~0u;
      ASSERT_TRUE(access_history::lookup(Key.first, Key.second, &Got))
          << "seed " << Seed << " step " << Step;
      ASSERT_EQ(Got, M.Last[Key]) << "seed " << Seed << " step " << Step;
    }
  }
}

TEST(AccessHistoryTest, GenerationsDropOnlyWhatIsTwoGenerationsOld) {
  const uint64_t Seed = 0x5eed0022;
  std::mt19937_64 Rng(Seed);
  access_history::setBudget(0); // the minimum: a few chunks a generation
  Model M;
  uint32_t StartGen = access_history::generation();
  Epoch E = 1;
  for (unsigned Step = 0; Step < 40000; ++Step) {
    if (Rng() % 256 == 0)
      ++E; // a release now and then
    uintptr_t G = kBase + 0x2000000 + (Rng() % 4096) * 8;
    RawSlot S = makeSlot(testSid(3, 0), E, 0xff, Rng() % 2, false);
    uint32_t Ctx = uint32_t(Step);
    access_history::record(G, 1, S, Ctx);
    M.store(G, 1, S, Ctx, access_history::generation() - StartGen);
  }
  unsigned Generation = access_history::generation() - StartGen;
  ASSERT_GE(Generation, 3u) << "the budget should have forced generations";
  // A dropped generation's chunks go back whole (and the other tests'
  // with them): two generations' worth (four chunks' records each, and a
  // partly filled one) are all that is still in use.
  EXPECT_LE(access_history::chunksInUse(), 2 * (4 + 1u));
  unsigned Found = 0, Dropped = 0;
  for (auto &[Key, Ctx] : M.Last) {
    uint32_t Got = ~0u;
    bool Hit = access_history::lookup(Key.first, Key.second, &Got);
    unsigned Age = Generation - M.Gen[Key];
    if (Hit)
      ASSERT_EQ(Got, Ctx) << "seed " << Seed;
    if (Age <= 1)
      ASSERT_TRUE(Hit) << "seed " << Seed << ": a store " << Age
                       << " generation(s) old was dropped";
    Found += Hit;
    Dropped += !Hit;
  }
  EXPECT_GT(Found, 0u);
  EXPECT_GT(Dropped, 0u);
  access_history::setBudget(64u << 20);
}

} // namespace
