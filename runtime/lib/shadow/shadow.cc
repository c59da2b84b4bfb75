//===- shadow.cc - Shadow regions: lazy reservation and reset -------------===//

#include "shadow/shadow.h"
#include "base/internal_libc.h"

#include "base/internal_alloc.h"
#include "base/raw_syscall.h"

#include <cstring>

namespace weft {
namespace shadow {

char *Regions[kNumRegions];

char *mapRegion(size_t R) {
  void *P = reserveAddressSpace(kRegionShadowBytes);
  if (!P)
    dieOutOfAddressSpace("shadow memory", kRegionShadowBytes);
  Regions[R] = static_cast<char *>(P);
  return Regions[R];
}

// Resetting large ranges hands whole shadow pages back to the kernel instead
// of writing zeros, so freeing a big block costs no resident memory. Below
// kReleaseMin of shadow the system call costs more than the zeros.
constexpr size_t kReleaseMin = 64 * 1024;

namespace {

/// Zeroes [P, P+Bytes), releasing the whole pages inside when it is large.
void clearShadow(char *P, size_t Bytes) {
  if (Bytes < kReleaseMin) {
    internalMemset(P, 0, Bytes); // never the intercepted memset
    return;
  }
  uintptr_t S = reinterpret_cast<uintptr_t>(P);
  uintptr_t PageBegin = (S + 4095) & ~uintptr_t(4095);
  uintptr_t PageEnd = (S + Bytes) & ~uintptr_t(4095);
  internalMemset(P, 0, PageBegin - S);
  releasePages(reinterpret_cast<void *>(PageBegin), PageEnd - PageBegin);
  internalMemset(reinterpret_cast<void *>(PageEnd), 0, S + Bytes - PageEnd);
}

/// Clears the sync bits of granules [First, First+N) of \p Region, calling
/// \p OnSync(address) for each that was set; \p Base is granule First's
/// address. Writes only bytes that hold a set bit: the rest of the bitmap
/// is usually the kernel's zero page, and stays so.
void resetSyncBits(char *Region, size_t First, size_t N, uintptr_t Base,
                   void (*OnSync)(uintptr_t)) {
  uint8_t *Bits = reinterpret_cast<uint8_t *>(Region + kRegionGranuleBytes);
  size_t End = First + N;
  for (size_t B = First / 8; B * 8 < End; ++B) {
    if (!Bits[B])
      continue;
    for (unsigned Bit = 0; Bit < 8; ++Bit) {
      size_t I = B * 8 + Bit;
      if (I < First || I >= End || !(Bits[B] & (1u << Bit)))
        continue;
      Bits[B] &= uint8_t(~(1u << Bit));
      if (OnSync)
        OnSync(Base + (I - First) * kGranule);
    }
  }
}

} // namespace

void reset(uintptr_t Addr, size_t Size, void (*OnSync)(uintptr_t)) {
  if (Size == 0)
    return;
  uintptr_t Begin = Addr & ~uintptr_t(kGranule - 1);
  uintptr_t End = Addr + Size;
  while (Begin < End) {
    uintptr_t RegionEnd = ((Begin >> kRegionShift) + 1) << kRegionShift;
    uintptr_t ChunkEnd = End < RegionEnd ? End : RegionEnd;
    size_t R = (Begin >> kRegionShift) & (kNumRegions - 1);
    if (char *Region = Regions[R]) {
      // A granule only partly inside the range is forgotten whole: heap
      // blocks are 16-byte aligned and padded, stacks page aligned, so no
      // live neighbour shares it.
      size_t First = (Begin & ((uintptr_t(1) << kRegionShift) - 1)) / kGranule;
      size_t N = (ChunkEnd - Begin + kGranule - 1) / kGranule;
      // Callers with few sync objects in a large range find them in the
      // table and pass no OnSync; the bits are cleared either way. The
      // bitmap is 1/128 of the granules' shadow, so reading it for a
      // large range costs little even where it is all zero pages.
      resetSyncBits(Region, First, N, Begin, OnSync);
      clearShadow(reinterpret_cast<char *>(granuleIn(Region, Begin)), N * sizeof(Granule));
    }
    Begin = ChunkEnd;
  }
}

} // namespace shadow
} // namespace weft
