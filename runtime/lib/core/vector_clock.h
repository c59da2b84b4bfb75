//===- vector_clock.h - Happens-before clocks indexed by thread id --------===//
//
// A clock maps each clock slot to the last epoch of that slot known to have
// happened before. A slot is a thread's for its life and may pass to a later
// thread after it ends (clock_slots.h), so clocks are sized by the threads
// alive at once, not by all threads of the run. Absent entries are zero. Clocks grow on demand in internal
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

/// A clock slot: the index of a thread's entry in every vector clock and
/// the thread field of its shadow slots (clock_slots.h). Not the thread's
/// id: ThreadId keeps counting up, slots are reused.
enum class Sid : uint32_t { Invalid = UINT32_MAX };

inline uint32_t index(Sid S) { return static_cast<uint32_t>(S); }

class VectorClock {
public:
  VectorClock() = default;
  VectorClock(const VectorClock &) = delete;
  VectorClock &operator=(const VectorClock &) = delete;
  ~VectorClock() { internalFree(Elems); }

  Epoch get(Sid S) const {
    uint32_t I = index(S);
    return I < Size ? Elems[I] : 0;
  }
  void set(Sid S, Epoch E) {
    ++Version;
    uint32_t I = index(S);
    if (I >= Size)
      grow(I + 1);
    Elems[I] = E;
  }
  /// Pointwise maximum: afterwards everything \p O knew, this knows.
  void join(const VectorClock &O) {
    ++Version;
    if (O.Size > Size)
      grow(O.Size);
    // Sizes are multiples of kChunk (see grow): four lanes at a time,
    // branch-free, which is most of the cost of every acquire.
    Epoch *D = Elems;
    const Epoch *Src = O.Elems;
    for (uint32_t I = 0; I < O.Size; I += kChunk) {
      Epoch A0 = D[I], A1 = D[I + 1], A2 = D[I + 2], A3 = D[I + 3];
      Epoch B0 = Src[I], B1 = Src[I + 1], B2 = Src[I + 2], B3 = Src[I + 3];
      D[I] = A0 > B0 ? A0 : B0;
      D[I + 1] = A1 > B1 ? A1 : B1;
      D[I + 2] = A2 > B2 ? A2 : B2;
      D[I + 3] = A3 > B3 ? A3 : B3;
    }
  }
  void assign(const VectorClock &O) {
    ++Version;
    if (O.Size > Size)
      grow(O.Size);
    for (uint32_t I = 0; I < O.Size; I += kChunk) {
      Epoch B0 = O.Elems[I], B1 = O.Elems[I + 1], B2 = O.Elems[I + 2], B3 = O.Elems[I + 3];
      Elems[I] = B0;
      Elems[I + 1] = B1;
      Elems[I + 2] = B2;
      Elems[I + 3] = B3;
    }
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
      if (Elems[I] > O.get(static_cast<Sid>(I)))
        return false;
    return true;
  }

private:
  // Sizes are multiples of kChunk, no larger: a sync object's clock takes
  // its size from the releasing thread's, so every atomic location released
  // by a thread that knows 49 slots keeps 52 entries (224 bytes with the
  // allocator's header, its 256-byte class), where doubling to 64 made
  // each 512 (a queue of 129,000 released flags: 33 MB more,
  // docs/performance.md). Growing by a chunk costs no copy while the
  // allocator's class has room (internalRealloc keeps the block).
  static constexpr uint32_t kChunk = 4;
  void grow(uint32_t Min) {
    uint32_t NewSize = (Min + kChunk - 1) & ~(kChunk - 1);
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
