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

// When a reset writes zeros and when it hands pages back to the kernel
// (docs/design.md, "Resetting shadow: zeros or released pages"). Handing a
// page back costs a system call, a TLB flush and, when the memory is used
// again, a page fault per shadow page (two when the first touch reads: the
// zero page, then a copy); zeros over a resident page cost a few hundred
// nanoseconds and leave it hot. So memory the program keeps gets zeros,
// memory it gave back to the kernel gives its shadow back too.
//
// Memory the program keeps (heap blocks cycling through the allocator,
// annotated new memory): zeros up to kZeroMax of shadow (blocks of up to
// 512 KiB: LevelDB's table index blocks and write buffers, grown strings,
// per-read buffers). A larger range may be mostly untouched (a reserved
// vector, a thread's 8 MiB stack): writing zeros would fault in shadow the
// program never needs, so its whole pages are released.
constexpr size_t kZeroMax = 1024 * 1024;
// Memory the kernel took back (munmap, MADV_DONTNEED): its shadow pages are
// released from kReleaseMin on; below that the system call costs more than
// the zeros.
constexpr size_t kReleaseMin = 64 * 1024;

namespace {

/// The shadow bytes of the granules [Addr, Addr+Size) touches.
size_t shadowBytes(uintptr_t Addr, size_t Size) {
  uintptr_t Begin = Addr & ~uintptr_t(kGranule - 1);
  return (Addr + Size - Begin + kGranule - 1) / kGranule * sizeof(Granule);
}

/// Zeroes [P, P+Bytes), handing the whole pages inside back to the kernel
/// when there are \p ReleaseFrom bytes or more.
void clearShadow(char *P, size_t Bytes, size_t ReleaseFrom) {
  if (Bytes < ReleaseFrom) {
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

void clearRange(uintptr_t Addr, size_t Size, size_t ReleaseFrom) {
  if (Size == 0)
    return;
  uintptr_t Begin = Addr & ~uintptr_t(kGranule - 1);
  uintptr_t End = Addr + Size;
  // The rule looks at the whole range, not at its part in one region: a
  // block across a region boundary is reset like any other of its size.
  if (ReleaseFrom != kReleaseMin && shadowBytes(Addr, Size) > kZeroMax)
    ReleaseFrom = kReleaseMin;
  while (Begin < End) {
    uintptr_t RegionEnd = ((Begin >> kRegionShift) + 1) << kRegionShift;
    uintptr_t ChunkEnd = End < RegionEnd ? End : RegionEnd;
    size_t R = (Begin >> kRegionShift) & (kNumRegions - 1);
    if (char *Region = Regions[R]) {
      // A granule only partly inside the range is forgotten whole: heap
      // blocks are 16-byte aligned and padded, stacks page aligned, so no
      // live neighbour shares it.
      size_t N = (ChunkEnd - Begin + kGranule - 1) / kGranule;
      clearShadow(reinterpret_cast<char *>(granuleIn(Region, Begin)), N * sizeof(Granule),
                  ReleaseFrom);
    }
    Begin = ChunkEnd;
  }
}

} // namespace

bool resetZeroes(uintptr_t Addr, size_t Size) { return shadowBytes(Addr, Size) <= kZeroMax; }

void reset(uintptr_t Addr, size_t Size) { clearRange(Addr, Size, ~size_t(0)); }

void release(uintptr_t Addr, size_t Size) { clearRange(Addr, Size, kReleaseMin); }

} // namespace shadow
} // namespace weft
