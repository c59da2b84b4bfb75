//===- shadow.cc - Shadow regions: lazy reservation and reset -------------===//

#include "shadow/shadow.h"
#include "base/internal_libc.h"

#include "base/internal_alloc.h"
#include "base/raw_syscall.h"

#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

namespace weft {
namespace shadow {

char *Regions[kNumRegions];
static size_t MappedRegions;

size_t regionsMapped() { return MappedRegions; }

char *mapRegion(size_t R) {
  void *P = reserveAddressSpace(kRegionShadowBytes + kRegionTailBytes);
  if (!P)
    dieOutOfAddressSpace("shadow memory", kRegionShadowBytes + kRegionTailBytes);
  Regions[R] = static_cast<char *>(P);
  ++MappedRegions;
  return Regions[R];
}

// When a reset writes zeros and when it hands pages back to the kernel
// (docs/design.md, "Resetting shadow: zeros or released pages"). Handing a
// page back costs a system call, a TLB flush and, when the memory is used
// again, a page fault per shadow page; zeros over a resident page cost a
// few hundred nanoseconds and leave it hot. So memory the program keeps
// gets zeros, and memory it gave back to the kernel gives its shadow back.
//
// Memory the program keeps (heap blocks cycling through the allocator,
// annotated new memory): from kReleaseMin of shadow on, each 4 MiB of
// shadow (kProbeBytes, one mincore) whose pages are mostly resident gets
// zeros (a block used a moment ago: a grown string, a table index block,
// a per-read buffer), and one that is mostly not resident is released as
// before (a fresh block, a reserved vector, a huge block glibc maps anew),
// so that zeros never fault in shadow the program may not need. Either
// way every byte ends up zero: residency only picks how (mincore cannot
// tell a page swapped out from one never touched, so it never decides to
// skip one).
// The zeros a freed block leaves resident are bounded in turn: past a
// budget the oldest give back the pages that still read zero
// (kept_shadow.h, releaseZeroPages below).
constexpr size_t kProbeBytes = 4 * 1024 * 1024;
// Below kReleaseMin the system call costs more than the zeros. Memory the
// kernel took back (munmap, MADV_DONTNEED) releases its shadow pages from
// there on, resident or not.
constexpr size_t kReleaseMin = 64 * 1024;

namespace {

constexpr uintptr_t kPage = 4096;

/// Zeroes the whole pages [Begin, End) of a large range of kept memory:
/// each chunk of kProbeBytes by writing zeros if most of its pages are
/// resident, else by handing them back.
void clearKeptPages(uintptr_t Begin, uintptr_t End) {
  unsigned char Resident[kProbeBytes / kPage]; // 1 KiB of the program's stack
  for (uintptr_t C = Begin; C < End;) {
    uintptr_t CEnd = End - C > kProbeBytes ? C + kProbeBytes : End;
    size_t Pages = (CEnd - C) / kPage, InCore = 0;
    if (rawSyscall(SYS_mincore, long(C), long(CEnd - C), long(Resident)) == 0)
      for (size_t I = 0; I < Pages; ++I)
        InCore += Resident[I] & 1;
    if (2 * InCore > Pages)
      internalMemset(reinterpret_cast<void *>(C), 0, CEnd - C);
    else
      releasePages(reinterpret_cast<void *>(C), CEnd - C);
    C = CEnd;
  }
}

/// Zeroes [P, P+Bytes): by writing zeros below kReleaseMin bytes; above,
/// the whole pages inside are released (\p Kept: or zeroed, where mostly
/// resident: clearKeptPages).
void clearShadow(char *P, size_t Bytes, bool Kept) {
  if (Bytes < kReleaseMin) {
    internalMemset(P, 0, Bytes); // never the intercepted memset
    return;
  }
  uintptr_t S = reinterpret_cast<uintptr_t>(P);
  uintptr_t PageBegin = (S + kPage - 1) & ~(kPage - 1);
  uintptr_t PageEnd = (S + Bytes) & ~(kPage - 1);
  internalMemset(P, 0, PageBegin - S);
  if (Kept)
    clearKeptPages(PageBegin, PageEnd);
  else
    releasePages(reinterpret_cast<void *>(PageBegin), PageEnd - PageBegin);
  internalMemset(reinterpret_cast<void *>(PageEnd), 0, S + Bytes - PageEnd);
}

/// Calls \p Fn(shadow, bytes) for the shadow of [Addr, Addr+Size) in each
/// mapped region it crosses, the granules only partly inside included;
/// regions never mapped hold nothing and are skipped.
template <typename F> void forEachShadowSpan(uintptr_t Addr, size_t Size, F Fn) {
  if (Size == 0)
    return; // not even the granule Addr is in
  uintptr_t Begin = Addr & ~uintptr_t(kGranule - 1);
  uintptr_t End = Addr + Size;
  while (Begin < End) {
    uintptr_t RegionEnd = ((Begin >> kRegionShift) + 1) << kRegionShift;
    uintptr_t ChunkEnd = End < RegionEnd ? End : RegionEnd;
    size_t R = (Begin >> kRegionShift) & (kNumRegions - 1);
    if (char *Region = Regions[R]) {
      size_t N = (ChunkEnd - Begin + kGranule - 1) / kGranule;
      Fn(reinterpret_cast<char *>(granuleIn(Region, Begin)), N * sizeof(Granule));
    }
    Begin = ChunkEnd;
  }
}

void clearRange(uintptr_t Addr, size_t Size, bool Kept) {
  // A granule only partly inside the range is forgotten whole: heap blocks
  // are 16-byte aligned and padded, stacks page aligned, so no live
  // neighbour shares it.
  forEachShadowSpan(Addr, Size, [&](char *P, size_t Bytes) { clearShadow(P, Bytes, Kept); });
}

/// Is the shadow page at \p P all zeros? Eight words at a time, so that a
/// page holding something usually answers within its first line.
bool pageIsZero(const uint64_t *P) {
  for (size_t I = 0; I < kPage / 8; I += 8) {
    uint64_t Or = 0;
    for (size_t J = 0; J < 8; ++J)
      Or |= P[I + J];
    if (Or)
      return false;
  }
  return true;
}

/// Hands back the whole pages of [Begin, End) that are resident and read
/// zero, a run at a time; pages not resident join a run (releasing them is
/// free) but never make one.
void releaseZeroShadowPages(uintptr_t Begin, uintptr_t End) {
  unsigned char Resident[kProbeBytes / kPage];
  for (uintptr_t C = Begin; C < End;) {
    uintptr_t CEnd = End - C > kProbeBytes ? C + kProbeBytes : End;
    if (rawSyscall(SYS_mincore, long(C), long(CEnd - C), long(Resident)) != 0)
      return;
    uintptr_t RunBegin = 0;
    bool RunHasResident = false;
    auto flush = [&](uintptr_t RunEnd) {
      if (RunBegin && RunHasResident)
        releasePages(reinterpret_cast<void *>(RunBegin), RunEnd - RunBegin);
      RunBegin = 0;
      RunHasResident = false;
    };
    for (uintptr_t P = C; P < CEnd; P += kPage) {
      bool InCore = Resident[(P - C) / kPage] & 1;
      if (InCore && !pageIsZero(reinterpret_cast<const uint64_t *>(P))) {
        flush(P);
        continue;
      }
      if (!RunBegin)
        RunBegin = P;
      RunHasResident |= InCore;
    }
    flush(CEnd);
    C = CEnd;
  }
}

/// Zeroes [P, P+Bytes) where it is not zero yet: a shadow page mapped from
/// the file of zeros (mapZeroFile) is only read, never copied by a write.
void zeroWhereSet(char *P, size_t Bytes) {
  for (size_t I = 0; I < Bytes; I += sizeof(Granule)) {
    Granule *G = reinterpret_cast<Granule *>(P + I);
    if (G->Slot[0] | G->Slot[1])
      *G = Granule{};
  }
}

/// The whole shadow pages inside the span [P, P+Bytes): a partial page at
/// either end also shadows a neighbour, so only whole pages can be handed
/// back or remapped. Empty (Begin >= End) when the span holds none.
struct WholePages {
  uintptr_t Begin, End;
};
WholePages wholePagesOf(char *P, size_t Bytes) {
  uintptr_t S = reinterpret_cast<uintptr_t>(P);
  return {(S + kPage - 1) & ~(kPage - 1), (S + Bytes) & ~(kPage - 1)};
}

} // namespace

void releaseZeroPages(uintptr_t Addr, size_t Size) {
  forEachShadowSpan(Addr, Size, [](char *P, size_t Bytes) {
    WholePages W = wholePagesOf(P, Bytes);
    if (W.Begin < W.End)
      releaseZeroShadowPages(W.Begin, W.End);
  });
}

namespace {

/// A memfd as long as a region's shadow, all holes: the shadow of a
/// read-only mapping is a private mapping of it (mapZeroFile). -1 until
/// made, -2 once it could not be (or the program closed it).
int ZeroFd = -1;
/// Which file it is: the program may close the descriptor and open another
/// file under its number, which must never become shadow.
struct stat ZeroStat;

/// The descriptor goes high, out of the way of the numbers the program
/// expects open() to return.
constexpr int kZeroFdFloor = 900;

int zeroFd() {
  if (ZeroFd == -1) {
    ZeroFd = -2;
    long Fd = rawSyscall(SYS_memfd_create, long("weft-zero-shadow"), MFD_CLOEXEC);
    if (Fd < 0)
      return ZeroFd;
    if (rawSyscall(SYS_ftruncate, Fd, long(kRegionShadowBytes)) == 0) {
      long High = rawSyscall(SYS_fcntl, Fd, F_DUPFD_CLOEXEC, kZeroFdFloor);
      if (High >= 0 && rawSyscall(SYS_fstat, High, long(&ZeroStat)) == 0)
        ZeroFd = int(High);
      else if (High >= 0)
        rawSyscall(SYS_close, High);
    }
    rawSyscall(SYS_close, Fd);
    return ZeroFd;
  }
  if (ZeroFd < 0)
    return ZeroFd;
  struct stat Now;
  if (rawSyscall(SYS_fstat, ZeroFd, long(&Now)) != 0 || Now.st_ino != ZeroStat.st_ino ||
      Now.st_dev != ZeroStat.st_dev)
    ZeroFd = -2; // closed or replaced by the program: never used again
  return ZeroFd;
}

} // namespace

void mapZeroFile(uintptr_t Addr, size_t Size) {
  forEachShadowSpan(Addr, Size, [](char *P, size_t Bytes) {
    uintptr_t S = reinterpret_cast<uintptr_t>(P);
    WholePages W = wholePagesOf(P, Bytes);
    uintptr_t PageBegin = W.Begin, PageEnd = W.End;
    if (PageBegin >= PageEnd) {
      zeroWhereSet(P, Bytes);
      return;
    }
    zeroWhereSet(P, PageBegin - S);
    zeroWhereSet(reinterpret_cast<char *>(PageEnd), S + Bytes - PageEnd);
    int Fd = zeroFd();
    if (Fd < 0 ||
        rawSyscall(SYS_mmap, long(PageBegin), long(PageEnd - PageBegin), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_FIXED | MAP_NORESERVE, Fd, 0) == -1) {
      // No file: released pages read zero too.
      releasePages(reinterpret_cast<void *>(PageBegin), PageEnd - PageBegin);
    }
  });
}

void reset(uintptr_t Addr, size_t Size) { clearRange(Addr, Size, true); }

void release(uintptr_t Addr, size_t Size) { clearRange(Addr, Size, false); }

} // namespace shadow
} // namespace weft
