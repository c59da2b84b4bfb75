//===- read_only_pages.cc - Pages mapped without write access -------------===//

#include "shadow/read_only_pages.h"

#include "shadow/shadow.h"

namespace weft {
namespace read_only_pages {

bool Any;

namespace {

constexpr unsigned kPageShift = 12;
constexpr size_t kRegionPages = size_t(1) << (shadow::kRegionShift - kPageShift);
constexpr size_t kWords = kRegionPages / 64;

/// The bits of one region, in the page after its granules (shadow.h,
/// kRegionTailBytes). Marked is sticky: set by the first mark in the
/// region, so that a clear in a region that never had one reads one word.
struct RegionBits {
  uint64_t Marked;
  uint64_t Bits[kWords];
};
static_assert(sizeof(RegionBits) <= shadow::kRegionTailBytes, "room after the granules");

RegionBits *bitsOf(char *Region) {
  return reinterpret_cast<RegionBits *>(Region + shadow::kRegionShadowBytes);
}

/// Calls \p Fn(region's shadow or null, region index, first page, end page)
/// for each region [Addr, Addr+Size) touches, pages counted within the
/// region; stops early when \p Fn returns false. Returns false iff it did.
template <typename F> bool forEachRegion(uintptr_t Addr, size_t Size, F Fn) {
  if (Size == 0)
    return true;
  uintptr_t Page = Addr >> kPageShift;
  uintptr_t EndPage = (Addr + Size - 1) / (uintptr_t(1) << kPageShift) + 1;
  while (Page < EndPage) {
    uintptr_t RegionFirst = Page & ~uintptr_t(kRegionPages - 1);
    uintptr_t Stop = RegionFirst + kRegionPages < EndPage ? RegionFirst + kRegionPages : EndPage;
    size_t R = shadow::regionIndex(Page << kPageShift);
    if (!Fn(shadow::Regions[R], R, size_t(Page - RegionFirst), size_t(Stop - RegionFirst)))
      return false;
    Page = Stop;
  }
  return true;
}

/// Calls \p Fn(word index, mask) for the words holding the bits [P0, P1).
template <typename F> void forEachWord(size_t P0, size_t P1, F Fn) {
  while (P0 < P1) {
    size_t W = P0 / 64;
    size_t Lo = P0 % 64;
    size_t Hi = P1 - W * 64 < 64 ? P1 - W * 64 : 64;
    uint64_t Mask = (Hi == 64 ? ~uint64_t(0) : (uint64_t(1) << Hi) - 1) & ~((uint64_t(1) << Lo) - 1);
    Fn(W, Mask);
    P0 = W * 64 + Hi;
  }
}

} // namespace

void mark(uintptr_t Addr, size_t Size) {
  // Only whole pages: a page only partly inside may hold writable memory.
  uintptr_t Begin = (Addr + 4095) & ~uintptr_t(4095);
  uintptr_t End = (Addr + Size) & ~uintptr_t(4095);
  if (Begin >= End)
    return;
  __atomic_store_n(&Any, true, __ATOMIC_RELAXED);
  forEachRegion(Begin, End - Begin, [](char *Region, size_t R, size_t P0, size_t P1) {
    if (!Region)
      Region = shadow::mapRegion(R);
    RegionBits *B = bitsOf(Region);
    __atomic_store_n(&B->Marked, 1, __ATOMIC_RELAXED);
    forEachWord(P0, P1, [&](size_t W, uint64_t Mask) {
      __atomic_fetch_or(&B->Bits[W], Mask, __ATOMIC_RELAXED);
    });
    return true;
  });
}

bool clear(uintptr_t Addr, size_t Size) {
  if (!__atomic_load_n(&Any, __ATOMIC_RELAXED))
    return false;
  bool Was = false;
  forEachRegion(Addr, Size, [&](char *Region, size_t, size_t P0, size_t P1) {
    RegionBits *B = Region ? bitsOf(Region) : nullptr;
    if (!B || !__atomic_load_n(&B->Marked, __ATOMIC_RELAXED))
      return true;
    forEachWord(P0, P1, [&](size_t W, uint64_t Mask) {
      if (__atomic_load_n(&B->Bits[W], __ATOMIC_RELAXED) & Mask)
        Was |= (__atomic_fetch_and(&B->Bits[W], ~Mask, __ATOMIC_RELAXED) & Mask) != 0;
    });
    return true;
  });
  return Was;
}

bool intersects(uintptr_t Addr, size_t Size) {
  if (!__atomic_load_n(&Any, __ATOMIC_RELAXED))
    return false;
  // forEachRegion stops (returns false) at the first marked page.
  return !forEachRegion(Addr, Size, [](char *Region, size_t, size_t P0, size_t P1) {
    RegionBits *B = Region ? bitsOf(Region) : nullptr;
    if (!B || !__atomic_load_n(&B->Marked, __ATOMIC_RELAXED))
      return true;
    bool Found = false;
    forEachWord(P0, P1, [&](size_t W, uint64_t Mask) {
      Found |= (__atomic_load_n(&B->Bits[W], __ATOMIC_RELAXED) & Mask) != 0;
    });
    return !Found;
  });
}

bool containsSlow(uintptr_t Addr) {
  char *Region = shadow::Regions[shadow::regionIndex(Addr)];
  if (!Region)
    return false;
  size_t Page = (Addr >> kPageShift) & (kRegionPages - 1);
  return (__atomic_load_n(&bitsOf(Region)->Bits[Page / 64], __ATOMIC_RELAXED) >> (Page % 64)) & 1;
}

bool coversSlow(uintptr_t Addr, size_t Size) {
  return forEachRegion(Addr, Size, [](char *Region, size_t, size_t P0, size_t P1) {
    if (!Region)
      return false;
    RegionBits *B = bitsOf(Region);
    bool All = true;
    forEachWord(P0, P1, [&](size_t W, uint64_t Mask) {
      All &= (__atomic_load_n(&B->Bits[W], __ATOMIC_RELAXED) & Mask) == Mask;
    });
    return All;
  });
}

} // namespace read_only_pages
} // namespace weft
