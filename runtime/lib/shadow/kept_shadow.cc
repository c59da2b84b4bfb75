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

/// Lets the oldest range go: its zero shadow pages go back to the kernel.
/// (A range dropped for a newer one has no size left: nothing to do.)
void popOldest() {
  Range Old = Ring[Head];
  if (Old.Size)
    shadow::releaseZeroPages(Old.Addr, Old.Size);
  Head = (Head + 1) % kMaxRanges;
  --Count;
  Kept -= shadowBytes(Old.Size);
}

/// A range inside [Addr, Addr+Size) is the same memory freed again (the
/// common case: glibc hands a freed block's memory to the next allocation
/// of a fitting size, which is freed in turn): it is dropped, so that the
/// budget counts memory, not frees, and the memory ages from its newest
/// free.
void dropInside(uintptr_t Addr, size_t Size) {
  for (size_t I = 0; I < Count; ++I) {
    Range &R = Ring[(Head + I) % kMaxRanges];
    if (R.Size && Addr <= R.Addr && R.Addr + R.Size <= Addr + Size) {
      Kept -= shadowBytes(R.Size);
      R.Size = 0;
    }
  }
}

} // namespace

void setBudget(size_t Bytes) { Budget = Bytes; }

void noteFreed(uintptr_t Addr, size_t Size) {
  dropInside(Addr, Size);
  if (Count == kMaxRanges)
    popOldest();
  Ring[(Head + Count) % kMaxRanges] = Range{Addr, Size};
  ++Count;
  Kept += shadowBytes(Size);
  while (Count && Kept > Budget)
    popOldest();
}

size_t keptBytes() { return Kept; }
size_t keptRanges() {
  size_t N = 0;
  for (size_t I = 0; I < Count; ++I)
    N += Ring[(Head + I) % kMaxRanges].Size != 0;
  return N;
}

void clear() { Head = Count = Kept = 0; }

} // namespace kept_shadow
} // namespace weft
