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

} // namespace

void reset(uintptr_t Addr, size_t Size) {
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
      size_t N = (ChunkEnd - Begin + kGranule - 1) / kGranule;
      clearShadow(reinterpret_cast<char *>(granuleIn(Region, Begin)), N * sizeof(Granule));
    }
    Begin = ChunkEnd;
  }
}

} // namespace shadow
} // namespace weft
