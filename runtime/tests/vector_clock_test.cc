//===- vector_clock_test.cc - VectorClock against a map-based model -------===//
//
// Every happens-before decision goes through these clocks, so besides a few
// spelled-out cases the clock is checked against the plainest possible model
// (a std::map, absent = 0) under long random operation sequences. Failures
// print the seed; rerun with that seed to reproduce.
//
//===----------------------------------------------------------------------===//

#include "core/vector_clock.h"

#include "prng.h"

#include <gtest/gtest.h>

#include <map>

using namespace weft;

namespace {

using Model = std::map<uint32_t, Epoch>;

Epoch modelGet(const Model &M, uint32_t T) {
  auto It = M.find(T);
  return It == M.end() ? 0 : It->second;
}

TEST(VectorClockTest, EmptyClockReadsZero) {
  VectorClock C;
  EXPECT_EQ(C.size(), 0u);
  EXPECT_EQ(C.get(Sid(0)), 0u);
  EXPECT_EQ(C.get(Sid(1000000)), 0u);
  VectorClock D;
  EXPECT_TRUE(C.lessOrEqual(D));
}

TEST(VectorClockTest, SetGrowsAndKeepsOtherEntries) {
  VectorClock C;
  C.set(Sid(2), 7);
  EXPECT_GE(C.size(), 3u);
  C.set(Sid(100), 9);
  EXPECT_GE(C.size(), 101u);
  EXPECT_EQ(C.get(Sid(2)), 7u);
  EXPECT_EQ(C.get(Sid(100)), 9u);
  EXPECT_EQ(C.get(Sid(50)), 0u);
  EXPECT_EQ(C.get(Sid(0)), 0u);
}

TEST(VectorClockTest, SizeIsTheHighestEntryRoundedToFour) {
  // Not to a power of two: a clock copied into every released atomic
  // location costs its size there (docs/performance.md, "A lock-free
  // queue's unit tests").
  VectorClock C;
  C.set(Sid(48), 1);
  EXPECT_EQ(C.size(), 52u);
  VectorClock D;
  D.assign(C);
  EXPECT_EQ(D.size(), 52u);
  EXPECT_EQ(D.get(Sid(48)), 1u);
  C.set(Sid(52), 2); // grows by one chunk, keeping what it held
  EXPECT_EQ(C.size(), 56u);
  EXPECT_EQ(C.get(Sid(48)), 1u);
  EXPECT_EQ(C.get(Sid(51)), 0u);
  D.join(C);
  EXPECT_EQ(D.size(), 56u);
  EXPECT_EQ(D.get(Sid(52)), 2u);
}

TEST(VectorClockTest, JoinIsPointwiseMax) {
  VectorClock A, B;
  A.set(Sid(0), 5);
  A.set(Sid(1), 1);
  B.set(Sid(1), 4);
  B.set(Sid(9), 2);
  A.join(B);
  EXPECT_EQ(A.get(Sid(0)), 5u);
  EXPECT_EQ(A.get(Sid(1)), 4u);
  EXPECT_EQ(A.get(Sid(9)), 2u);
  EXPECT_TRUE(B.lessOrEqual(A));
  EXPECT_FALSE(A.lessOrEqual(B));
  // B is unchanged.
  EXPECT_EQ(B.get(Sid(0)), 0u);
}

TEST(VectorClockTest, AssignFromASmallerClockClearsTheRest) {
  VectorClock A, B;
  for (uint32_t I = 0; I < 40; ++I)
    A.set(Sid(I), I + 1);
  B.set(Sid(1), 77);
  A.assign(B);
  EXPECT_EQ(A.get(Sid(1)), 77u);
  EXPECT_EQ(A.get(Sid(0)), 0u);
  EXPECT_EQ(A.get(Sid(39)), 0u);
  EXPECT_TRUE(A.lessOrEqual(B));
  EXPECT_TRUE(B.lessOrEqual(A));
  VectorClock Empty;
  A.assign(Empty);
  EXPECT_EQ(A.get(Sid(1)), 0u);
}

TEST(VectorClockTest, ResetAndReleaseReadAsZero) {
  VectorClock A;
  A.set(Sid(3), 3);
  A.reset();
  EXPECT_EQ(A.get(Sid(3)), 0u);
  A.set(Sid(5), 5);
  A.release();
  EXPECT_EQ(A.size(), 0u);
  EXPECT_EQ(A.get(Sid(5)), 0u);
  A.set(Sid(1), 1); // usable after release
  EXPECT_EQ(A.get(Sid(1)), 1u);
}

TEST(VectorClockTest, MaxEpochSurvives) {
  VectorClock A, B;
  A.set(Sid(0), UINT32_MAX);
  B.set(Sid(0), UINT32_MAX - 1);
  B.join(A);
  EXPECT_EQ(B.get(Sid(0)), UINT32_MAX);
}

// The version tells a holder of an earlier version that the clock may have
// changed (a mutex re-lock skips its join only while it has not): every
// call that can write moves it, reads never do.
TEST(VectorClockTest, VersionMovesOnEveryWrite) {
  VectorClock A, B;
  B.set(Sid(1), 3);
  uint64_t V = A.version();
  auto Moved = [&] {
    bool M = A.version() != V;
    V = A.version();
    return M;
  };
  A.set(Sid(0), 1);
  EXPECT_TRUE(Moved());
  A.join(B);
  EXPECT_TRUE(Moved());
  A.join(B); // changes nothing, but says it may have
  EXPECT_TRUE(Moved());
  A.assign(B);
  EXPECT_TRUE(Moved());
  A.reset();
  EXPECT_TRUE(Moved());
  A.release();
  EXPECT_TRUE(Moved());
  (void)A.get(Sid(0));
  (void)A.lessOrEqual(B);
  B.join(A);
  EXPECT_FALSE(Moved());
}

// Differential test: NumClocks clocks and their models, random operations on
// random pairs, full comparison after every operation.
class VectorClockDifferential : public ::testing::TestWithParam<uint64_t> {};

TEST_P(VectorClockDifferential, MatchesMapModel) {
  const uint64_t Seed = GetParam();
  SCOPED_TRACE(::testing::Message() << "seed " << Seed);
  Prng R(Seed);
  constexpr int kClocks = 4;
  VectorClock C[kClocks];
  Model M[kClocks];
  // Mostly small thread ids, sometimes far ones so clocks grow in jumps.
  auto randomTid = [&] {
    return R.chance(1, 10) ? 64 + R.pickIndex(200) : R.pickIndex(12);
  };
  auto randomEpoch = [&] {
    return R.chance(1, 20) ? UINT32_MAX - R.pickIndex(3) : R.pickIndex(1000);
  };
  for (int Op = 0; Op < 3000; ++Op) {
    uint32_t A = R.pickIndex(kClocks), B = R.pickIndex(kClocks);
    uint32_t Kind = R.pickIndex(10);
    switch (Kind) {
    case 0:
    case 1:
    case 2:
    case 3: { // set
      uint32_t T = randomTid();
      Epoch E = randomEpoch();
      C[A].set(Sid(T), E);
      M[A][T] = E;
      break;
    }
    case 4:
    case 5: // join (A == B included: joining itself changes nothing)
      C[A].join(C[B]);
      for (auto &[T, E] : Model(M[B]))
        if (E > modelGet(M[A], T))
          M[A][T] = E;
      break;
    case 6: // assign
      if (A != B) {
        C[A].assign(C[B]);
        M[A] = M[B];
      }
      break;
    case 7: // reset
      C[A].reset();
      M[A].clear();
      break;
    case 8: // release, rarely
      if (R.chance(1, 4)) {
        C[A].release();
        M[A].clear();
      }
      break;
    case 9: { // get of an arbitrary id, including far out of range
      uint32_t T = R.chance(1, 2) ? randomTid() : R.pickIndex(100000);
      ASSERT_EQ(C[A].get(Sid(T)), modelGet(M[A], T))
          << "get(" << T << ") at op " << Op;
      break;
    }
    }
    // Compare the touched clock fully, and lessOrEqual of the pair.
    for (uint32_t T = 0; T < 300; ++T)
      ASSERT_EQ(C[A].get(Sid(T)), modelGet(M[A], T))
          << "clock " << A << ", thread " << T << ", after op " << Op
          << " (kind " << Kind << ")";
    bool ModelLeq = true;
    for (auto &[T, E] : M[A])
      if (E > modelGet(M[B], T))
        ModelLeq = false;
    ASSERT_EQ(C[A].lessOrEqual(C[B]), ModelLeq) << "op " << Op;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, VectorClockDifferential,
                         ::testing::Values(1, 2, 3, 0x5eed, 0xdeadbeef));

} // namespace
