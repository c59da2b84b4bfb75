//===- vector_clock.h - Happens-before clocks indexed by thread id --------===//
//
// A clock maps each thread id to the last epoch of that thread known to have
// happened before. Absent entries are zero. Clocks grow on demand in internal
// memory; the per-access check only ever calls get(). Every change bumps a
// version, so that a caller that knows it has absorbed a clock can tell
// that the clock is still the same one (mutexes, sync_interceptors.cc).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_VECTOR_CLOCK_H
#define WEFT_RUNTIME_VECTOR_CLOCK_H

#include "base/internal_libc.h"
#include "base/internal_alloc.h"
#include "thread_id.h"

#include <cstdint>
#include <cstring>

namespace weft {

using Epoch = uint32_t;

class VectorClock {
public:
  VectorClock() = default;
  VectorClock(const VectorClock &) = delete;
  VectorClock &operator=(const VectorClock &) = delete;
  ~VectorClock() { internalFree(Elems); }

  Epoch get(ThreadId T) const {
    uint32_t I = index(T);
    return I < Size ? Elems[I] : 0;
  }
  void set(ThreadId T, Epoch E) {
    ++Version;
    uint32_t I = index(T);
    if (I >= Size)
      grow(I + 1);
    Elems[I] = E;
  }
  /// Pointwise maximum: afterwards everything \p O knew, this knows.
  void join(const VectorClock &O) {
    ++Version;
    if (O.Size > Size)
      grow(O.Size);
    for (uint32_t I = 0; I < O.Size; ++I)
      if (O.Elems[I] > Elems[I])
        Elems[I] = O.Elems[I];
  }
  void assign(const VectorClock &O) {
    ++Version;
    if (O.Size > Size)
      grow(O.Size);
    internalMemcpy(Elems, O.Elems, O.Size * sizeof(Epoch));
    if (Size > O.Size)
      internalMemset(Elems + O.Size, 0, (Size - O.Size) * sizeof(Epoch));
  }
  void reset() {
    ++Version;
    if (Size)
      internalMemset(Elems, 0, Size * sizeof(Epoch));
  }
  /// Frees the storage; the clock reads as all zeros.
  void release() {
    ++Version;
    internalFree(Elems);
    Elems = nullptr;
    Size = 0;
  }
  uint32_t size() const { return Size; }
  /// Changes whenever the clock may have changed (every call that can write
  /// it); never repeats for one clock object.
  uint64_t version() const { return Version; }
  /// True if every entry of this clock is <= the same entry of \p O.
  bool lessOrEqual(const VectorClock &O) const {
    for (uint32_t I = 0; I < Size; ++I)
      if (Elems[I] > O.get(static_cast<ThreadId>(I)))
        return false;
    return true;
  }

private:
  void grow(uint32_t Min) {
    uint32_t NewSize = Size ? Size : 4;
    while (NewSize < Min)
      NewSize *= 2;
    Elems = static_cast<Epoch *>(internalRealloc(Elems, NewSize * sizeof(Epoch)));
    internalMemset(Elems + Size, 0, (NewSize - Size) * sizeof(Epoch));
    Size = NewSize;
  }
  Epoch *Elems = nullptr;
  uint32_t Size = 0;
  uint64_t Version = 0;
};

} // namespace weft

#endif
