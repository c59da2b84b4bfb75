//===- quarantine.cc - Freed heap blocks held back from reuse -------------===//
//
// A ring of the held blocks, oldest first, in weft's own memory (allocated
// on the first free), and the bytes they add up to.
//
//===----------------------------------------------------------------------===//

#include "interceptors/quarantine.h"
#include "core/rtl.h"

namespace weft {
namespace quarantine {
namespace {

struct Held {
  void *P;
  size_t Size;
};
Held *Ring; // kMaxBlocks entries, once the first block is held
size_t Oldest, Count, Bytes;

size_t limit() { return size_t(Rt.Opts.quarantine_size_mb) << 20; }

} // namespace

bool accepts(size_t Size) { return Size <= limit() && limit() != 0; }

void hold(void *P, size_t Size, void (*Release)(void *P, size_t Size)) {
  size_t Limit = limit();
  if (!Ring)
    Ring = static_cast<Held *>(internalAlloc(kMaxBlocks * sizeof(Held)));
  while (Count == kMaxBlocks || Bytes + Size > Limit) {
    Held H = Ring[Oldest];
    Oldest = (Oldest + 1) % kMaxBlocks;
    --Count;
    Bytes -= H.Size;
    Release(H.P, H.Size);
  }
  Ring[(Oldest + Count) % kMaxBlocks] = Held{P, Size};
  ++Count;
  Bytes += Size;
}

bool holds(uintptr_t Addr) {
  for (size_t I = 0; I < Count; ++I) {
    const Held &H = Ring[(Oldest + I) % kMaxBlocks];
    uintptr_t Start = reinterpret_cast<uintptr_t>(H.P);
    if (Addr >= Start && Addr < Start + H.Size)
      return true;
  }
  return false;
}

} // namespace quarantine
} // namespace weft
