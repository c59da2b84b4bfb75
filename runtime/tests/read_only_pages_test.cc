//===- read_only_pages_test.cc - Read-only page bits; shadow kept zero ----===//
//
// The access check skips reads of a page marked read-only, so a mark left
// behind after the page became writable would hide races: marks must cover
// exactly the whole pages of the mapping, across shadow regions, and a
// clear must end them over any range that touches them. And the shadow a
// read-only mapping gets (shadow::mapZeroFile) must read zero and keep what
// is written to it private.
//
//===----------------------------------------------------------------------===//

#include "shadow/read_only_pages.h"
#include "shadow/shadow.h"
#include "shadow_test_util.h"

#include <gtest/gtest.h>

using namespace weft;

namespace {

using shadow_test::region;
using shadow_test::residentShadowPages;

constexpr uintptr_t kPage = 4096;

TEST(ReadOnlyPagesTest, MarksWholePagesOnly) {
  uintptr_t Base = region(701);
  // A range that starts and ends mid-page marks only the pages fully inside.
  read_only_pages::mark(Base + 100, 3 * kPage);
  EXPECT_FALSE(read_only_pages::contains(Base + 100));
  EXPECT_TRUE(read_only_pages::contains(Base + kPage));
  EXPECT_TRUE(read_only_pages::contains(Base + 3 * kPage - 1));
  EXPECT_FALSE(read_only_pages::contains(Base + 3 * kPage));
  EXPECT_TRUE(read_only_pages::covers(Base + kPage, 2 * kPage));
  EXPECT_FALSE(read_only_pages::covers(Base + kPage - 1, 2));
  EXPECT_FALSE(read_only_pages::covers(Base + 3 * kPage - 1, 2));
  EXPECT_TRUE(read_only_pages::clear(Base, 4 * kPage));
  EXPECT_FALSE(read_only_pages::contains(Base + kPage));
  EXPECT_FALSE(read_only_pages::clear(Base, 4 * kPage));
}

TEST(ReadOnlyPagesTest, SpansRegionsAndWords) {
  // 70 pages on either side of a region boundary: words of 64 bits and two
  // regions' bits.
  uintptr_t Boundary = region(703);
  uintptr_t Begin = Boundary - 70 * kPage, Size = 140 * kPage;
  read_only_pages::mark(Begin, Size);
  EXPECT_TRUE(read_only_pages::covers(Begin, Size));
  EXPECT_TRUE(read_only_pages::covers(Boundary - 8, 16));
  EXPECT_FALSE(read_only_pages::covers(Begin - 1, 2));
  EXPECT_FALSE(read_only_pages::covers(Begin, Size + 1));
  // Clearing one page in the middle of the second region's part ends the
  // cover, and only that page.
  EXPECT_TRUE(read_only_pages::clear(Boundary + 5 * kPage + 17, 1));
  EXPECT_FALSE(read_only_pages::covers(Begin, Size));
  EXPECT_FALSE(read_only_pages::contains(Boundary + 5 * kPage));
  EXPECT_TRUE(read_only_pages::contains(Boundary + 4 * kPage));
  EXPECT_TRUE(read_only_pages::contains(Boundary + 6 * kPage));
  EXPECT_TRUE(read_only_pages::intersects(Boundary + 5 * kPage, 2 * kPage));
  EXPECT_FALSE(read_only_pages::intersects(Boundary + 5 * kPage, kPage));
  EXPECT_TRUE(read_only_pages::clear(Begin, Size));
  EXPECT_FALSE(read_only_pages::intersects(Begin, Size));
}

TEST(ReadOnlyPagesTest, UnmappedRegionIsNeverReadOnly) {
  read_only_pages::mark(region(705), kPage); // Any is set
  uintptr_t Far = region(707);
  ASSERT_EQ(shadow::Regions[shadow::regionIndex(Far)], nullptr);
  EXPECT_FALSE(read_only_pages::contains(Far));
  EXPECT_FALSE(read_only_pages::covers(Far, kPage));
  EXPECT_FALSE(read_only_pages::clear(Far, kPage)); // and maps nothing
  EXPECT_EQ(shadow::Regions[shadow::regionIndex(Far)], nullptr);
}

TEST(ShadowZeroFileTest, ReadsZeroWritesStayPrivate) {
  // Two read-only mappings' shadows share one file of zeros: what is
  // written in one (a page copied for it) never shows in the other, and
  // whatever was recorded before is forgotten.
  uintptr_t A = region(711) + 5 * kPage + 8, B = region(713) + 8;
  size_t Size = 40 * kPage;
  Granule *Old = shadow::granuleFor(A + 3 * kPage);
  Old->Slot[1] = makeSlot(Sid(2), 9, 0xff, true, false);
  Granule *Edge = shadow::granuleFor(A); // on a partial shadow page
  Edge->Slot[0] = makeSlot(Sid(2), 9, 0xff, true, false);
  shadow::mapZeroFile(A, Size);
  shadow::mapZeroFile(B, Size);
  EXPECT_EQ(Old->Slot[1], 0u);
  EXPECT_EQ(Edge->Slot[0], 0u);
  Granule *InA = shadow::granuleFor(A + 7 * kPage);
  Granule *InB = shadow::granuleFor(B + 7 * kPage);
  InA->Slot[0] = makeSlot(Sid(4), 1, 0x0f, false, false);
  EXPECT_EQ(InB->Slot[0], 0u);
  EXPECT_NE(InA->Slot[0], 0u);
  // A release forgets the write, as for any shadow.
  shadow::release(A, Size);
  EXPECT_EQ(InA->Slot[0], 0u);
  for (uintptr_t X = B; X < B + Size; X += 8)
    ASSERT_EQ(shadow::granuleFor(X)->Slot[0] | shadow::granuleFor(X)->Slot[1], 0u) << X;
}

} // namespace
