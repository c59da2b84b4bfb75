//===- heap_blocks_test.cc - Heap-block bookkeeping against naive models --===//
//
// LiveBlockTable is driven by random allocations and frees of non-overlapping
// blocks next to a std::map (the naive model), with homes made to collide
// (blocks a multiple of the table's span apart, and dense runs of
// neighbours); every look-up, including containing(), must agree. The freed
// ring is checked against a list of every free: the newest covering block
// for the last kDescribed frees, the newest matching free's context for the
// last kKept. Failures print the seed.
//
//===----------------------------------------------------------------------===//

#include "interceptors/heap_blocks.h"

#include "prng.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

using namespace weft;

namespace {

LiveBlock block(size_t Size, uint32_t Tag) {
  return LiveBlock{Size, StackId(Tag), ThreadId(Tag % 7), Tag * 3, Epoch(Tag), Sid(Tag % 5)};
}

bool same(const LiveBlock &A, const LiveBlock &B) {
  return A.Size == B.Size && A.AllocStack == B.AllocStack && A.AllocTid == B.AllocTid &&
         A.AllocContext == B.AllocContext && A.AllocEpoch == B.AllocEpoch &&
         A.AllocSid == B.AllocSid;
}

TEST(LiveBlockTableTest, EmptyTable) {
  LiveBlockTable T;
  LiveBlock B;
  EXPECT_FALSE(T.find(0x1000, &B));
  EXPECT_FALSE(T.take(0x1000, &B));
  EXPECT_EQ(T.containing(0x1000, 4096, &B), 0u);
  EXPECT_EQ(T.size(), 0u);
}

TEST(LiveBlockTableTest, InsertReplacesTakeRemoves) {
  LiveBlockTable T;
  T.insert(0x1000, block(32, 1));
  T.insert(0x1000, block(64, 2)); // memory allocated again at the same start
  EXPECT_EQ(T.size(), 1u);
  LiveBlock B;
  ASSERT_TRUE(T.find(0x1000, &B));
  EXPECT_TRUE(same(B, block(64, 2)));
  ASSERT_TRUE(T.take(0x1000, &B));
  EXPECT_TRUE(same(B, block(64, 2)));
  EXPECT_FALSE(T.take(0x1000, &B));
  EXPECT_EQ(T.size(), 0u);
}

TEST(LiveBlockTableTest, SizesOf4GiBAndMoreAreKept) {
  LiveBlockTable T;
  size_t Huge = (size_t(1) << 32) + 48, Max = UINT32_MAX;
  T.insert(0x10000, block(Huge, 1));
  T.insert(0x20000, block(Max, 2));
  T.insert(0x30000, block(Max - 1, 3));
  LiveBlock B;
  ASSERT_TRUE(T.find(0x10000, &B));
  EXPECT_EQ(B.Size, Huge);
  ASSERT_TRUE(T.find(0x20000, &B));
  EXPECT_EQ(B.Size, Max);
  ASSERT_TRUE(T.find(0x30000, &B));
  EXPECT_EQ(B.Size, Max - 1);
  // Replaced by a small block at the same start, then taken.
  T.insert(0x10000, block(16, 4));
  ASSERT_TRUE(T.find(0x10000, &B));
  EXPECT_EQ(B.Size, 16u);
  ASSERT_TRUE(T.take(0x20000, &B));
  EXPECT_EQ(B.Size, Max);
  T.insert(0x20000, block(Huge + 16, 5));
  ASSERT_TRUE(T.take(0x20000, &B));
  EXPECT_EQ(B.Size, Huge + 16);
}

TEST(LiveBlockTableTest, ContainingFindsTheNearestStartBelow) {
  LiveBlockTable T;
  T.insert(0x10000, block(100, 1)); // [0x10000, 0x10064)
  T.insert(0x10070, block(16, 2));  // [0x10070, 0x10080)
  LiveBlock B;
  EXPECT_EQ(T.containing(0x10000, 4096, &B), 0x10000u);
  EXPECT_EQ(T.containing(0x10060, 4096, &B), 0x10000u);
  EXPECT_TRUE(same(B, block(100, 1)));
  // Past the first block's end, before the second: in no block.
  EXPECT_EQ(T.containing(0x10068, 4096, &B), 0u);
  EXPECT_EQ(T.containing(0x10078, 4096, &B), 0x10070u);
  EXPECT_EQ(T.containing(0x10080, 4096, &B), 0u);
  // Only blocks starting less than MaxSize below the address are looked at.
  EXPECT_EQ(T.containing(0x10060, 0x60, &B), 0u);
  EXPECT_EQ(T.containing(0x10060, 0x61, &B), 0x10000u);
}

class LiveBlockTableDifferential : public ::testing::TestWithParam<uint64_t> {};

TEST_P(LiveBlockTableDifferential, MatchesStdMap) {
  const uint64_t Seed = GetParam();
  SCOPED_TRACE(::testing::Message() << "seed " << Seed);
  Prng R(Seed);
  LiveBlockTable T;
  std::map<uintptr_t, LiveBlock> Model;
  // Blocks live on a grid of 64-byte cells in a few heaps 2^20 * k apart
  // (the same offsets within each MiB window), so homes collide and runs
  // of neighbours fill consecutive slots.
  auto startOf = [](uint32_t Heap, uint32_t Cell) {
    return uintptr_t(0x7f0000000000) + (uintptr_t(Heap) << 26) + uintptr_t(Cell) * 64;
  };
  uint32_t Tag = 1;
  for (int Step = 0; Step < 200000; ++Step) {
    uintptr_t Start = startOf(R.pickIndex(4), R.pickIndex(3000));
    auto It = Model.find(Start);
    if (It == Model.end()) {
      LiveBlock B = block(1 + R.pickIndex(64), Tag++);
      T.insert(Start, B);
      Model[Start] = B;
    } else if (R.pickIndex(4) == 0) {
      // Allocated again at the same start without a free seen (realloc).
      LiveBlock B = block(1 + R.pickIndex(64), Tag++);
      T.insert(Start, B);
      It->second = B;
    } else {
      LiveBlock B;
      ASSERT_TRUE(T.take(Start, &B)) << "step " << Step;
      ASSERT_TRUE(same(B, It->second)) << "step " << Step;
      Model.erase(It);
    }
    ASSERT_EQ(T.size(), Model.size());
    // A random address: its containing block, by both.
    uintptr_t Addr = startOf(R.pickIndex(4), R.pickIndex(3000)) + R.pickIndex(64);
    uintptr_t Want = 0;
    auto Up = Model.upper_bound(Addr);
    if (Up != Model.begin()) {
      auto Below = std::prev(Up);
      if (Addr < Below->first + Below->second.Size)
        Want = Below->first;
    }
    LiveBlock B;
    ASSERT_EQ(T.containing(Addr, 4096, &B), Want) << "step " << Step;
  }
  // Every block is still found by its start, and nothing else is there.
  size_t Visited = 0;
  T.forEachUnordered([&](uintptr_t Start, const LiveBlock &B) {
    ++Visited;
    auto It = Model.find(Start);
    ASSERT_NE(It, Model.end());
    EXPECT_TRUE(same(B, It->second));
  });
  EXPECT_EQ(Visited, Model.size());
}

INSTANTIATE_TEST_SUITE_P(Seeds, LiveBlockTableDifferential, ::testing::Values(1, 2, 3, 0x5eed));

TEST(FreedBlockRingTest, NewestCoveringFreeWins) {
  FreedBlockRing Ring;
  FreedBlock F;
  EXPECT_FALSE(Ring.findNewest(0x1000, &F));
  RawSlot SlotA = makeSlot(Sid(1), Epoch(5), 0, true, false);
  RawSlot SlotB = makeSlot(Sid(2), Epoch(9), 0, true, false);
  Ring.add(0x1000, block(64, 1), ThreadId(1), 11, SlotA);
  Ring.add(0x1010, block(8, 2), ThreadId(2), 22, SlotB); // inside the first
  ASSERT_TRUE(Ring.findNewest(0x1010, &F));
  EXPECT_EQ(F.Start, 0x1010u);
  EXPECT_EQ(F.FreeTid, ThreadId(2));
  EXPECT_EQ(F.Seq, 2u);
  ASSERT_TRUE(Ring.findNewest(0x1020, &F));
  EXPECT_EQ(F.Start, 0x1000u);
  EXPECT_EQ(F.Size, 64u);
  EXPECT_EQ(F.AllocStack, StackId(1));
  // A mark is named by the free of its clock slot and epoch, not merely
  // the newest free covering the granule.
  uint32_t Ctx = 0;
  RawSlot MarkA = makeSlot(Sid(1), Epoch(5), 0xff, true, false) | kFreedBits;
  ASSERT_TRUE(Ring.freeContext(0x1010, MarkA, &Ctx));
  EXPECT_EQ(Ctx, 11u);
  RawSlot MarkB = makeSlot(Sid(2), Epoch(9), 0xff, true, false) | kFreedBits;
  ASSERT_TRUE(Ring.freeContext(0x1010, MarkB, &Ctx));
  EXPECT_EQ(Ctx, 22u);
  EXPECT_FALSE(Ring.freeContext(0x1020, MarkB, &Ctx));
  RawSlot OtherEpoch = makeSlot(Sid(1), Epoch(6), 0xff, true, false) | kFreedBits;
  EXPECT_FALSE(Ring.freeContext(0x1010, OtherEpoch, &Ctx));
}

class FreedBlockRingDifferential : public ::testing::TestWithParam<uint64_t> {};

TEST_P(FreedBlockRingDifferential, MatchesEveryFreeKept) {
  const uint64_t Seed = GetParam();
  SCOPED_TRACE(::testing::Message() << "seed " << Seed);
  Prng R(Seed);
  FreedBlockRing Ring;
  struct Free {
    uintptr_t Start;
    size_t Size;
    uint32_t Context;
    RawSlot Slot;
  };
  std::vector<Free> All;
  for (uint32_t I = 1; I <= 3 * FreedBlockRing::kKept; ++I) {
    Free F{0x10000 + uintptr_t(R.pickIndex(2048)) * 16, 1 + R.pickIndex(200), I,
           makeSlot(Sid(R.pickIndex(3)), Epoch(R.pickIndex(4)), 0, true, false)};
    Ring.add(F.Start, block(F.Size, I), ThreadId(I % 3), F.Context, F.Slot);
    All.push_back(F);
    if (I % 97 != 0 && I != 3 * FreedBlockRing::kKept)
      continue;
    for (int Q = 0; Q < 20; ++Q) {
      uintptr_t Addr = 0x10000 + R.pickIndex(2048 * 16 + 200);
      uintptr_t Granule = Addr & ~uintptr_t(7);
      RawSlot Mark = makeSlot(Sid(R.pickIndex(3)), Epoch(R.pickIndex(4)), 0xff, true, false) |
                     kFreedBits;
      // The naive answers: scan every free, newest first.
      const Free *Described = nullptr, *Named = nullptr;
      for (size_t K = All.size(); K-- > 0;) {
        const Free &E = All[K];
        size_t Age = All.size() - 1 - K;
        if (!Described && Age < FreedBlockRing::kDescribed && Addr >= E.Start &&
            Addr < E.Start + E.Size)
          Described = &E;
        if (!Named && Age < FreedBlockRing::kKept && Granule + 8 > E.Start &&
            Granule < E.Start + E.Size && slotSid(E.Slot) == slotSid(Mark) &&
            slotEpoch(E.Slot) == slotEpoch(Mark))
          Named = &E;
      }
      FreedBlock Got;
      ASSERT_EQ(Ring.findNewest(Addr, &Got), Described != nullptr) << "free " << I;
      if (Described) {
        EXPECT_EQ(Got.Start, Described->Start);
        EXPECT_EQ(Got.FreeContext, Described->Context);
      }
      uint32_t Ctx = 0;
      ASSERT_EQ(Ring.freeContext(Granule, Mark, &Ctx), Named != nullptr) << "free " << I;
      if (Named)
        EXPECT_EQ(Ctx, Named->Context);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, FreedBlockRingDifferential, ::testing::Values(1, 7));

} // namespace
