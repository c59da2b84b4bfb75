//===- kept_shadow.cc - A budget on zeroed shadow kept for freed blocks ---===//

#include "shadow/kept_shadow.h"

#include "shadow/shadow.h"

namespace weft {
namespace kept_shadow {

namespace {

struct Range {
  uintptr_t Addr;
  size_t Size; // program bytes
};

// A ring, oldest at Head. Only the baton holder frees tracked memory, so
// no lock (like the rest of the free path).
Range Ring[kMaxRanges];
size_t Head, Count;
size_t Kept;              // shadow bytes of the remembered ranges
size_t Budget = 32 << 20; // the flag's default, for unit tests

size_t shadowBytes(size_t Size) { return Size / kGranule * sizeof(Granule); }

/// Does a range newer than the oldest one cover all of it? Then the
/// memory was freed again since: its shadow is zero and remembered anew,
/// and it is kept for the newer free's sake.
bool coveredByNewer(const Range &Old) {
  for (size_t I = 1; I < Count; ++I) {
    const Range &R = Ring[(Head + I) % kMaxRanges];
    if (R.Addr <= Old.Addr && Old.Addr + Old.Size <= R.Addr + R.Size)
      return true;
  }
  return false;
}

/// Lets the oldest range go: its zero shadow pages go back to the kernel
/// unless a newer free covers it.
void popOldest() {
  Range Old = Ring[Head];
  if (!coveredByNewer(Old))
    shadow::releaseZeroPages(Old.Addr, Old.Size);
  Head = (Head + 1) % kMaxRanges;
  --Count;
  Kept -= shadowBytes(Old.Size);
}

} // namespace

void setBudget(size_t Bytes) { Budget = Bytes; }

void noteFreed(uintptr_t Addr, size_t Size) {
  if (Count == kMaxRanges)
    popOldest();
  Ring[(Head + Count) % kMaxRanges] = Range{Addr, Size};
  ++Count;
  Kept += shadowBytes(Size);
  while (Count && Kept > Budget)
    popOldest();
}

size_t keptBytes() { return Kept; }
size_t keptRanges() { return Count; }

void clear() { Head = Count = Kept = 0; }

} // namespace kept_shadow
} // namespace weft
