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

void reset(uintptr_t Addr, size_t Size, void (*OnSync)(uintptr_t)) {
  if (Size == 0)
    return;
  uintptr_t Begin = Addr & ~uintptr_t(kGranule - 1);
  uintptr_t End = Addr + Size;
  while (Begin < End) {
    uintptr_t RegionEnd = ((Begin >> kRegionShift) + 1) << kRegionShift;
    uintptr_t ChunkEnd = End < RegionEnd ? End : RegionEnd;
    size_t R = (Begin >> kRegionShift) & (kNumRegions - 1);
    if (Regions[R]) {
      Granule *G = granuleFor(Begin);
      size_t N = (ChunkEnd - Begin + kGranule - 1) / kGranule;
      // A granule only partly inside the range is forgotten whole: heap
      // blocks are 16-byte aligned and padded, stacks page aligned, so no
      // live neighbour shares it.
      size_t Bytes = N * sizeof(Granule);
      if (Bytes < kReleaseMin) {
        // Small ranges (every allocation and most frees): one pass that
        // finds sync objects and clears, without a call to memset.
        if (OnSync) {
          for (size_t I = 0; I < N; ++I) {
            if (G[I].Stack[0] & kHasSyncBit)
              OnSync(Begin + I * kGranule);
            G[I] = Granule{};
          }
        } else {
          internalMemset(G, 0, Bytes); // never the intercepted memset
        }
      } else {
        // Reading the flag of every granule would fault in every shadow
        // page of the range only to release it: callers with few sync
        // objects find them another way and pass no OnSync.
        if (OnSync)
          for (size_t I = 0; I < N; ++I)
            if (G[I].Stack[0] & kHasSyncBit)
              OnSync(Begin + I * kGranule);
        char *S = reinterpret_cast<char *>(G);
        uintptr_t PageBegin = (reinterpret_cast<uintptr_t>(S) + 4095) & ~uintptr_t(4095);
        uintptr_t PageEnd = (reinterpret_cast<uintptr_t>(S) + Bytes) & ~uintptr_t(4095);
        internalMemset(S, 0, PageBegin - reinterpret_cast<uintptr_t>(S));
        releasePages(reinterpret_cast<void *>(PageBegin), PageEnd - PageBegin);
        internalMemset(reinterpret_cast<void *>(PageEnd), 0,
               reinterpret_cast<uintptr_t>(S) + Bytes - PageEnd);
      }
    }
    Begin = ChunkEnd;
  }
}

} // namespace shadow
} // namespace weft
