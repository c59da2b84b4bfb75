//===- shadow_test.cc - Slot encoding, address translation, reset ---------===//
//
// The shadow is where races are found: a field bleeding into its neighbour
// in a slot, two program granules sharing a shadow granule, or a reset that
// misses a page would all turn into wrong reports. Addresses here are
// synthetic: translation never touches the program memory itself, so any
// address below 2^47 will do, and each test uses its own shadow region.
//
//===----------------------------------------------------------------------===//

#include "shadow/shadow.h"
#include "shadow_test_util.h"

#include <gtest/gtest.h>

#include <sys/mman.h>
#include <vector>

using namespace weft;

namespace {

using shadow_test::region;
using shadow_test::residentShadowPages;

//===--- Slots ---------------------------------------------------------------===//

TEST(ShadowSlotTest, MakeSlotRoundTripsEveryField) {
  const uint32_t Tids[] = {0, 1, 2, 0x155555, 0x0aaaaa, kMaxThreads - 1};
  const Epoch Epochs[] = {0, 1, 0x55555555, 0xaaaaaaaa, UINT32_MAX - 1, UINT32_MAX};
  const uint8_t Masks[] = {0x01, 0x80, 0x0f, 0xf0, 0x55, 0xaa, 0xff};
  for (uint32_t T : Tids)
    for (Epoch E : Epochs)
      for (uint8_t M : Masks)
        for (int Bits = 0; Bits < 4; ++Bits) {
          bool W = Bits & 1, A = Bits & 2;
          RawSlot S = makeSlot(Sid(T), E, M, W, A);
          ASSERT_NE(S, 0u);
          ASSERT_EQ(slotSid(S), Sid(T)) << std::hex << S;
          ASSERT_EQ(slotEpoch(S), E) << std::hex << S;
          ASSERT_EQ(slotMask(S), M) << std::hex << S;
          ASSERT_EQ(slotWrite(S), W) << std::hex << S;
          ASSERT_EQ(slotAtomic(S), A) << std::hex << S;
        }
}

TEST(ShadowSlotTest, FieldsLandWhereTheLayoutSays) {
  EXPECT_EQ(makeSlot(Sid(0), UINT32_MAX, 1, false, false) & ~(RawSlot(1) << 54),
            0xffffffffULL);
  EXPECT_EQ(makeSlot(Sid(kMaxThreads - 1), 0, 1, false, false) & ~(RawSlot(1) << 54),
            0x001fffff00000000ULL);
  // The vptr flag sits between the thread id and the mask, clear of both.
  EXPECT_EQ(kVptrBit, RawSlot(1) << 53);
  EXPECT_EQ(slotSid(makeSlot(Sid(kMaxThreads - 1), 0, 1, false, false) | kVptrBit),
            Sid(kMaxThreads - 1));
  EXPECT_EQ(makeSlot(Sid(0), 0, 0xff, false, false), 0x3fc0000000000000ULL);
  EXPECT_EQ(makeSlot(Sid(0), 0, 1, true, false), (RawSlot(1) << 54) | kWriteBit);
  EXPECT_EQ(makeSlot(Sid(0), 0, 1, false, true), (RawSlot(1) << 54) | kAtomicBit);
  EXPECT_EQ(kWriteBit, RawSlot(1) << 62);
  EXPECT_EQ(kAtomicBit, RawSlot(1) << 63);
}

TEST(ShadowSlotTest, ByteMaskForEveryAccessThatFits) {
  for (unsigned Size = 1; Size <= 8; ++Size)
    for (unsigned Off = 0; Off + Size <= kGranule; ++Off) {
      unsigned Expected = 0;
      for (unsigned B = Off; B < Off + Size; ++B)
        Expected |= 1u << B;
      EXPECT_EQ(byteMask(Off, Size), Expected) << "offset " << Off << ", size " << Size;
    }
  EXPECT_EQ(byteMask(0, 8), 0xff);
  EXPECT_EQ(byteMask(7, 1), 0x80);
  EXPECT_EQ(byteMask(4, 4), 0xf0);
}

//===--- Translation ---------------------------------------------------------===//

TEST(ShadowTranslateTest, OneGranulePerEightBytes) {
  // Near the start of a region, and in its middle.
  const uintptr_t Bases[] = {region(0x11) + 0x1000, region(0x11) + region(1) / 2 - 8};
  for (uintptr_t Base : Bases) {
    Granule *G = shadow::granuleFor(Base);
    for (unsigned B = 1; B < kGranule; ++B)
      EXPECT_EQ(shadow::granuleFor(Base + B), G) << "byte " << B;
    EXPECT_EQ(shadow::granuleFor(Base + 8), G + 1);
    EXPECT_EQ(shadow::granuleFor(Base + 15), G + 1);
    EXPECT_EQ(shadow::granuleFor(Base - 1), G - 1);
    EXPECT_EQ(shadow::granuleFor(Base + 8 * 1000), G + 1000);
  }
}

TEST(ShadowTranslateTest, RegionsAreIndependent) {
  // Same offset in neighbouring and far-apart regions: distinct shadow.
  const uintptr_t Addrs[] = {
      0x1000,                          // low, below the first region boundary
      region(1) + 0x1000,              // the next region
      0x5555'5555'9000,                // a typical heap
      0x7ffd'f7fd'1000,                // a typical stack / mmap area
      (uintptr_t(1) << 47) - 0x1000,   // the very top of user space
  };
  std::vector<Granule *> Gs;
  for (uintptr_t A : Addrs) {
    Granule *G = shadow::granuleFor(A);
    ASSERT_NE(G, nullptr);
    for (Granule *Other : Gs)
      EXPECT_NE(G, Other);
    Gs.push_back(G);
  }
  // Write through one, read through all: no aliasing.
  for (size_t I = 0; I < Gs.size(); ++I)
    Gs[I]->Slot[0] = makeSlot(Sid(I), 100 + I, 0xff, true, false);
  for (size_t I = 0; I < Gs.size(); ++I) {
    RawSlot S = shadow::granuleFor(Addrs[I])->Slot[0];
    EXPECT_EQ(slotSid(S), Sid(I));
    EXPECT_EQ(slotEpoch(S), 100 + I);
  }
  // The last granule of a region and the first of the next are unrelated.
  EXPECT_NE(shadow::granuleFor(region(1) - 8) + 1, shadow::granuleFor(region(1)));
}

TEST(ShadowTranslateTest, RealMappingsAtBothEndsWork) {
  // A real high mmap'd page and a low-ish static object.
  void *High = mmap(nullptr, 4096, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(High, MAP_FAILED);
  static uint64_t Low[4];
  Granule *GH = shadow::granuleFor(reinterpret_cast<uintptr_t>(High));
  Granule *GL = shadow::granuleFor(reinterpret_cast<uintptr_t>(&Low[1]));
  EXPECT_NE(GH, GL);
  EXPECT_EQ(shadow::granuleFor(reinterpret_cast<uintptr_t>(&Low[2])), GL + 1);
  GH->Slot[1] = 7;
  GL->Slot[1] = 9;
  EXPECT_EQ(shadow::granuleFor(reinterpret_cast<uintptr_t>(High) + 7)->Slot[1], 7u);
  EXPECT_EQ(shadow::granuleFor(reinterpret_cast<uintptr_t>(&Low[1]) + 3)->Slot[1], 9u);
  munmap(High, 4096);
}

TEST(ShadowTranslateTest, FreshShadowIsZero) {
  Granule *G = shadow::granuleFor(region(0x21) + 0x12345678);
  for (unsigned I = 0; I < kSlotsPerGranule; ++I)
    EXPECT_EQ(G->Slot[I], 0u);
}

TEST(ShadowTranslateTest, TwoBytesOfShadowPerByte) {
  // The shadow is as dense as TSan's: 16 bytes per 8-byte granule.
  EXPECT_EQ(sizeof(Granule), 2 * kGranule);
  EXPECT_EQ(shadow::kRegionShadowBytes, (size_t(1) << shadow::kRegionShift) * 2);
  const uintptr_t A = region(0x22) + 0x777770;
  char *Region = reinterpret_cast<char *>(shadow::granuleFor(A)) -
                 (A & ((uintptr_t(1) << shadow::kRegionShift) - 1)) * 2;
  EXPECT_EQ(Region, shadow::Regions[0x22]);
}

//===--- Reset ---------------------------------------------------------------===//

void fill(Granule *G, uint32_t Tag) {
  for (unsigned I = 0; I < kSlotsPerGranule; ++I)
    G->Slot[I] = makeSlot(Sid(I), Tag, 0xff, I & 1, false);
}
bool isZero(const Granule *G) {
  for (unsigned I = 0; I < kSlotsPerGranule; ++I)
    if (G->Slot[I])
      return false;
  return true;
}
bool isFilled(const Granule *G, uint32_t Tag) {
  return G->Slot[0] == makeSlot(Sid(0), Tag, 0xff, false, false) &&
         G->Slot[1] == makeSlot(Sid(1), Tag, 0xff, true, false);
}

TEST(ShadowResetTest, ZeroesTheRange) {
  const uintptr_t Base = region(0x31) + 0x4000;
  // Granules -2..33 relative to Base are filled; the range is [0, 32).
  for (int I = -2; I < 34; ++I)
    fill(shadow::granuleFor(Base + I * 8), 1000 + I);
  shadow::reset(Base, 32 * 8);
  for (int I = 0; I < 32; ++I)
    EXPECT_TRUE(isZero(shadow::granuleFor(Base + I * 8))) << "granule " << I;
  EXPECT_TRUE(isFilled(shadow::granuleFor(Base - 16), 998));
  EXPECT_TRUE(isFilled(shadow::granuleFor(Base - 8), 999));
  EXPECT_TRUE(isFilled(shadow::granuleFor(Base + 32 * 8), 1032));
  EXPECT_TRUE(isFilled(shadow::granuleFor(Base + 33 * 8), 1033));
}

TEST(ShadowResetTest, PartlyCoveredGranulesAreForgottenWhole) {
  const uintptr_t Base = region(0x32) + 0x8000;
  for (int I = -1; I < 4; ++I)
    fill(shadow::granuleFor(Base + I * 8), 50 + I);
  // Bytes 3..12: the tail of granule 0 and the head of granule 1.
  shadow::reset(Base + 3, 10);
  EXPECT_TRUE(isZero(shadow::granuleFor(Base)));
  EXPECT_TRUE(isZero(shadow::granuleFor(Base + 8)));
  EXPECT_TRUE(isFilled(shadow::granuleFor(Base - 8), 49));
  EXPECT_TRUE(isFilled(shadow::granuleFor(Base + 16), 52));
}

TEST(ShadowResetTest, EmptyRangeChangesNothing) {
  const uintptr_t Base = region(0x33) + 0x100;
  fill(shadow::granuleFor(Base), 5);
  shadow::reset(Base, 0);
  EXPECT_TRUE(isFilled(shadow::granuleFor(Base), 5));
}

TEST(ShadowResetTest, UnmappedRegionsStayUnmapped) {
  const size_t R = 0x34;
  ASSERT_EQ(shadow::Regions[R], nullptr);
  shadow::reset(region(R) + 0x1000, 1 << 20);
  EXPECT_EQ(shadow::Regions[R], nullptr);
}

TEST(ShadowResetTest, RangeAcrossARegionBoundary) {
  const uintptr_t Boundary = region(0x36);
  for (int I = -5; I < 5; ++I)
    fill(shadow::granuleFor(Boundary + I * 8), 300 + I);
  shadow::reset(Boundary - 32, 64);
  for (int I = -4; I < 4; ++I)
    EXPECT_TRUE(isZero(shadow::granuleFor(Boundary + I * 8))) << "granule " << I;
  EXPECT_TRUE(isFilled(shadow::granuleFor(Boundary - 40), 295));
  EXPECT_TRUE(isFilled(shadow::granuleFor(Boundary + 32), 304));
}

TEST(ShadowResetTest, LargeResetClearsEverythingIncludingPartialPages) {
  // 1 MiB of program memory is 2 MiB of shadow: far above the 64 KiB at
  // which reset hands whole pages back to the kernel. The range starts and
  // ends inside shadow pages (granule 5 is at shadow offset 80; the end
  // likewise), so both partial pages must be zeroed by hand.
  const uintptr_t Base = region(0x35) + 0x10000 + 5 * 8;
  const size_t Size = (size_t(1) << 20) + 3 * 8;
  const size_t N = Size / 8;
  ASSERT_NE(reinterpret_cast<uintptr_t>(shadow::granuleFor(Base)) % 4096, 0u);
  ASSERT_NE(reinterpret_cast<uintptr_t>(shadow::granuleFor(Base + Size)) % 4096, 0u);
  for (size_t I = 0; I < N; ++I)
    fill(shadow::granuleFor(Base + I * 8), 7);
  for (int I = 1; I <= 100; ++I) {
    fill(shadow::granuleFor(Base - I * 8), 8);
    fill(shadow::granuleFor(Base + Size + (I - 1) * 8), 9);
  }
  shadow::reset(Base, Size);
  size_t NonZero = 0, FirstNonZero = 0;
  for (size_t I = 0; I < N; ++I)
    if (!isZero(shadow::granuleFor(Base + I * 8)) && NonZero++ == 0)
      FirstNonZero = I;
  EXPECT_EQ(NonZero, 0u) << "first at granule " << FirstNonZero;
  for (int I = 1; I <= 100; ++I) {
    ASSERT_TRUE(isFilled(shadow::granuleFor(Base - I * 8), 8)) << "before, " << I;
    ASSERT_TRUE(isFilled(shadow::granuleFor(Base + Size + (I - 1) * 8), 9))
        << "after, " << I;
  }
}

// The rule of docs/design.md, "Resetting shadow: zeros or released pages":
// memory the program keeps gets zeros in place where its shadow is
// resident, so the pages stay resident for the memory's next owner; shadow
// that is not resident is left so (a reset must not fault it in).
TEST(ShadowResetTest, KeptMemoryIsZeroedInPlace) {
  const uintptr_t Base = region(0x37) + 0x10000;
  const size_t Size = 256 * 1024; // 512 KiB of shadow
  for (size_t I = 0; I < Size / 8; ++I)
    fill(shadow::granuleFor(Base + I * 8), 11);
  const size_t Pages = residentShadowPages(Base, Size);
  ASSERT_EQ(Pages, 2 * Size / 4096);
  shadow::reset(Base, Size);
  EXPECT_EQ(residentShadowPages(Base, Size), Pages);
  for (size_t I = 0; I < Size / 8; ++I)
    ASSERT_TRUE(isZero(shadow::granuleFor(Base + I * 8))) << "granule " << I;

  const uintptr_t Fresh = region(0x37) + 0x100000;
  fill(shadow::granuleFor(Fresh + 8), 16);
  shadow::reset(Fresh, Size);
  EXPECT_EQ(residentShadowPages(Fresh, Size), 0u);
  EXPECT_TRUE(isZero(shadow::granuleFor(Fresh + 8)));
}

// Kept memory is looked at 4 MiB of shadow at a time: mostly resident
// shadow (a block just used) gets zeros and stays resident; mostly
// untouched shadow (a huge block, barely used) goes back to the kernel.
// Either way every granule reads zero after.
TEST(ShadowResetTest, LargeKeptMemoryIsZeroedWhereResidentElseReleased) {
  const uintptr_t Used = region(0x38) + 0x10000;
  const size_t Size = 1024 * 1024; // 2 MiB of shadow
  for (size_t I = 0; I < Size / 8; ++I)
    fill(shadow::granuleFor(Used + I * 8), 12);
  const size_t Pages = residentShadowPages(Used, Size);
  shadow::reset(Used, Size);
  EXPECT_EQ(residentShadowPages(Used, Size), Pages);
  for (size_t I = 0; I < Size / 8; ++I)
    ASSERT_TRUE(isZero(shadow::granuleFor(Used + I * 8))) << "granule " << I;

  const uintptr_t Barely = region(0x38) + 0x400000;
  fill(shadow::granuleFor(Barely + 4096), 15);
  fill(shadow::granuleFor(Barely + Size / 2), 15);
  shadow::reset(Barely, Size);
  EXPECT_EQ(residentShadowPages(Barely, Size), 0u);
  EXPECT_TRUE(isZero(shadow::granuleFor(Barely + 4096)));
  EXPECT_TRUE(isZero(shadow::granuleFor(Barely + Size / 2)));
}

// Memory the kernel took back (munmap) gives its shadow pages back from
// 64 KiB of shadow on, and zeros below.
TEST(ShadowReleaseTest, ReleasesFrom64KiBOfShadow) {
  const uintptr_t Base = region(0x39) + 0x10000;
  const size_t Size = 64 * 1024; // 128 KiB of shadow
  for (size_t I = 0; I < Size / 8; ++I)
    fill(shadow::granuleFor(Base + I * 8), 13);
  shadow::release(Base, Size);
  EXPECT_EQ(residentShadowPages(Base, Size), 0u);
  for (size_t I = 0; I < Size / 8; ++I)
    ASSERT_TRUE(isZero(shadow::granuleFor(Base + I * 8))) << "granule " << I;

  const uintptr_t Small = region(0x39) + 0x100000;
  for (int I = -1; I < 3; ++I)
    fill(shadow::granuleFor(Small + I * 8), 14);
  shadow::release(Small, 16);
  EXPECT_TRUE(isZero(shadow::granuleFor(Small)));
  EXPECT_TRUE(isZero(shadow::granuleFor(Small + 8)));
  EXPECT_TRUE(isFilled(shadow::granuleFor(Small - 8), 14));
  EXPECT_TRUE(isFilled(shadow::granuleFor(Small + 16), 14));
}

// Zero pages carry nothing: releasing them forgets nothing. Pages that hold
// an access stay with their content, and so do the partial pages at the
// ends, which also shadow the neighbours.
TEST(ShadowReleaseTest, ReleaseZeroPagesKeepsEveryPageThatHoldsSomething) {
  const uintptr_t Base = region(0x3a) + 0x10000 + 5 * 8; // starts mid-page
  const size_t Size = 256 * 1024;                         // 512 KiB of shadow
  for (int I = -10; I < int(Size / 8) + 10; ++I)
    fill(shadow::granuleFor(Base + I * 8), 20);
  shadow::reset(Base, Size); // zeroed in place: resident
  const uintptr_t Kept = Base - 5 * 8 + 64 * 1024; // a whole page of shadow
  fill(shadow::granuleFor(Kept + 8), 21);
  const size_t Before = residentShadowPages(Base, Size);
  shadow::releaseZeroPages(Base, Size);
  // The page holding the access and the two partial end pages remain.
  EXPECT_EQ(residentShadowPages(Base, Size), 3u) << "of " << Before;
  EXPECT_TRUE(isFilled(shadow::granuleFor(Kept + 8), 21));
  for (int I = 1; I <= 10; ++I) {
    EXPECT_TRUE(isFilled(shadow::granuleFor(Base - I * 8), 20)) << "before, " << I;
    EXPECT_TRUE(isFilled(shadow::granuleFor(Base + Size + (I - 1) * 8), 20)) << "after, " << I;
  }
  for (size_t I = 0; I < Size / 8; ++I)
    if (Base + I * 8 != Kept + 8)
      ASSERT_TRUE(isZero(shadow::granuleFor(Base + I * 8))) << "granule " << I;
}

} // namespace
