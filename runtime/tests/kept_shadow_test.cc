//===- kept_shadow_test.cc - The budget on zeroed shadow of freed blocks --===//
//
// Freed large blocks keep their zeroed shadow resident for the next block
// at the same place, up to a budget; past it the oldest give back the pages
// that still read zero. What must hold: nothing recorded is ever released
// (a page holding an access stays, with its content), a range freed again
// since is kept for the newer free, and the budget and the ring bound what
// stays resident. Addresses are synthetic (shadow_test.cc explains why);
// each test uses its own shadow regions.
//
//===----------------------------------------------------------------------===//

#include "shadow/kept_shadow.h"
#include "shadow/shadow.h"
#include "shadow_test_util.h"

#include <gtest/gtest.h>

#include <sys/mman.h>
#include <vector>

using namespace weft;

namespace {

using shadow_test::region;
using shadow_test::residentShadowPages;
constexpr size_t kBlock = 256 * 1024; // 512 KiB of shadow
constexpr size_t kBlockShadow = 2 * kBlock;

void fill(uintptr_t Addr, size_t Size, uint32_t Tag) {
  for (size_t I = 0; I < Size / 8; ++I) {
    Granule *G = shadow::granuleFor(Addr + I * 8);
    G->Slot[0] = makeSlot(Sid(0), Tag, 0xff, true, false);
    G->Slot[1] = 0;
  }
}

/// A block used and freed: its shadow filled, then zeroed in place (the
/// free of kept memory, shadow::reset), so resident and zero.
void useAndFree(uintptr_t Addr, size_t Size) {
  fill(Addr, Size, 7);
  shadow::reset(Addr, Size);
}

constexpr size_t kBlockPages = kBlockShadow / 4096;

class KeptShadowTest : public ::testing::Test {
protected:
  void SetUp() override { kept_shadow::clear(); }
  void TearDown() override {
    kept_shadow::clear();
    kept_shadow::setBudget(32 << 20);
  }
};

TEST_F(KeptShadowTest, UnderTheBudgetFreedShadowStaysResident) {
  kept_shadow::setBudget(4 * kBlockShadow);
  const uintptr_t A = region(0x41) + 0x10000;
  useAndFree(A, kBlock);
  ASSERT_EQ(residentShadowPages(A, kBlock), kBlockPages);
  kept_shadow::noteFreed(A, kBlock);
  EXPECT_EQ(kept_shadow::keptBytes(), kBlockShadow);
  EXPECT_EQ(kept_shadow::keptRanges(), 1u);
  EXPECT_EQ(residentShadowPages(A, kBlock), kBlockPages);
}

TEST_F(KeptShadowTest, OverTheBudgetTheOldestGivesItsZeroPagesBack) {
  kept_shadow::setBudget(2 * kBlockShadow);
  const uintptr_t Blocks[] = {region(0x42) + 0x10000, region(0x42) + 0x100000,
                              region(0x42) + 0x200000};
  for (uintptr_t B : Blocks) {
    useAndFree(B, kBlock);
    kept_shadow::noteFreed(B, kBlock);
  }
  EXPECT_EQ(kept_shadow::keptRanges(), 2u);
  EXPECT_EQ(kept_shadow::keptBytes(), 2 * kBlockShadow);
  EXPECT_EQ(residentShadowPages(Blocks[0], kBlock), 0u);
  EXPECT_EQ(residentShadowPages(Blocks[1], kBlock), kBlockPages);
  EXPECT_EQ(residentShadowPages(Blocks[2], kBlock), kBlockPages);
  // Released shadow still reads zero.
  EXPECT_EQ(shadow::granuleFor(Blocks[0] + 4096)->Slot[0], 0u);
}

TEST_F(KeptShadowTest, ShadowThatHoldsAnAccessIsNeverReleased) {
  // The memory of the oldest range was taken again and used in part: the
  // pages holding those accesses stay, with their content; the rest go.
  kept_shadow::setBudget(kBlockShadow);
  const uintptr_t A = region(0x43) + 0x10000, B = region(0x43) + 0x200000;
  useAndFree(A, kBlock);
  kept_shadow::noteFreed(A, kBlock);
  const uintptr_t Used = A + 64 * 1024; // 128 KiB of shadow, page aligned
  fill(Used, 8 * 1024, 99);             // 16 KiB of shadow: 4 pages
  shadow::granuleFor(A + kBlock - 8)->Slot[1] = makeSlot(Sid(3), 5, 0x01, false, false);
  useAndFree(B, kBlock);
  kept_shadow::noteFreed(B, kBlock);
  EXPECT_EQ(kept_shadow::keptRanges(), 1u);
  EXPECT_EQ(residentShadowPages(A, kBlock), 5u);
  EXPECT_EQ(residentShadowPages(Used, 8 * 1024), 4u);
  for (size_t I = 0; I < 8 * 1024 / 8; ++I)
    ASSERT_EQ(shadow::granuleFor(Used + I * 8)->Slot[0], makeSlot(Sid(0), 99, 0xff, true, false))
        << "granule " << I;
  EXPECT_EQ(shadow::granuleFor(A + kBlock - 8)->Slot[1], makeSlot(Sid(3), 5, 0x01, false, false));
}

TEST_F(KeptShadowTest, MemoryFreedAgainSinceIsKeptForTheNewerFree) {
  // A block freed, taken again at once and freed again (the common case the
  // resident shadow serves): the budget counts the memory once, and it ages
  // from its newest free, so B goes first.
  kept_shadow::setBudget(2 * kBlockShadow);
  const uintptr_t A = region(0x44) + 0x10000, B = region(0x44) + 0x200000;
  useAndFree(A, kBlock);
  kept_shadow::noteFreed(A, kBlock);
  useAndFree(B, kBlock);
  kept_shadow::noteFreed(B, kBlock);
  useAndFree(A, kBlock);
  kept_shadow::noteFreed(A, kBlock);
  EXPECT_EQ(kept_shadow::keptRanges(), 2u);
  EXPECT_EQ(kept_shadow::keptBytes(), 2 * kBlockShadow);
  EXPECT_EQ(residentShadowPages(A, kBlock), kBlockPages);
  EXPECT_EQ(residentShadowPages(B, kBlock), kBlockPages);
  const uintptr_t C = region(0x44) + 0x400000;
  useAndFree(C, kBlock);
  kept_shadow::noteFreed(C, kBlock);
  EXPECT_EQ(residentShadowPages(B, kBlock), 0u);
  EXPECT_EQ(residentShadowPages(A, kBlock), kBlockPages);
  EXPECT_EQ(residentShadowPages(C, kBlock), kBlockPages);
}

TEST_F(KeptShadowTest, ASmallerBlockFreedInsideALargerOneCountsOnce) {
  // glibc splits a freed block and frees the part: the part's range is
  // inside the larger one's, and the larger free, newer, replaces it.
  kept_shadow::setBudget(4 * kBlockShadow);
  const uintptr_t A = region(0x48) + 0x10000;
  useAndFree(A + kBlock / 2, kBlock / 2);
  kept_shadow::noteFreed(A + kBlock / 2, kBlock / 2);
  useAndFree(A, 2 * kBlock);
  kept_shadow::noteFreed(A, 2 * kBlock);
  EXPECT_EQ(kept_shadow::keptRanges(), 1u);
  EXPECT_EQ(kept_shadow::keptBytes(), 2 * kBlockShadow);
}

TEST_F(KeptShadowTest, TheRingBoundsTheRangesWhateverTheBudget) {
  kept_shadow::setBudget(size_t(1) << 40);
  const uintptr_t First = region(0x45) + 0x10000;
  useAndFree(First, kBlock);
  kept_shadow::noteFreed(First, kBlock);
  // Ranges with no resident shadow: only the count matters here.
  for (size_t I = 1; I <= kept_shadow::kMaxRanges; ++I)
    kept_shadow::noteFreed(region(0x46) + I * kBlock, kBlock);
  EXPECT_EQ(kept_shadow::keptRanges(), kept_shadow::kMaxRanges);
  EXPECT_EQ(kept_shadow::keptBytes(), kept_shadow::kMaxRanges * kBlockShadow);
  EXPECT_EQ(residentShadowPages(First, kBlock), 0u);
}

TEST_F(KeptShadowTest, ABudgetOfZeroReleasesAtOnce) {
  kept_shadow::setBudget(0);
  const uintptr_t A = region(0x47) + 0x10000;
  useAndFree(A, kBlock);
  kept_shadow::noteFreed(A, kBlock);
  EXPECT_EQ(kept_shadow::keptRanges(), 0u);
  EXPECT_EQ(kept_shadow::keptBytes(), 0u);
  EXPECT_EQ(residentShadowPages(A, kBlock), 0u);
}

} // namespace
