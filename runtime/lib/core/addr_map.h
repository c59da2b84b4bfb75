//===- addr_map.h - Open-addressing map from program addresses ------------===//
//
// Used off the hot path (sync objects, heap blocks, pthread handles). Keys are
// addresses, so iteration order depends on ASLR: nothing may iterate this map
// to make a decision or to order output. Lookups only.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_ADDR_MAP_H
#define WEFT_RUNTIME_ADDR_MAP_H

#include "base/internal_alloc.h"

#include <cstddef>
#include <cstdint>

namespace weft {

/// The map's hash before masking: a table of 2^n slots uses its low n bits.
/// The product alone would leave its low bits depending only on the key's
/// low bits, and keys are often two 32-bit halves ((stack << 32) | lock set
/// in mutex_set.cc): folding the high half in keeps such keys apart instead
/// of piling every key with the same low half into one probe chain.
inline uint64_t addrHash(uintptr_t K) {
  uint64_t H = uint64_t(K) * 0x9e3779b97f4a7c15ULL;
  return H ^ (H >> 32);
}

/// Backward-shift deletion in a linear-probing table: may the entry at slot
/// \p J, whose home slot is \p Home, move back into the hole at \p Hole?
/// Yes unless its home lies cyclically in (Hole, J]: then a probe for it
/// starts after the hole and must not cross it. (AddrMap and the heap's
/// live-block table, interceptors/heap_blocks.cc, both delete this way.)
inline bool movesIntoHole(size_t Hole, size_t J, size_t Home) {
  return Hole <= J ? (Home <= Hole || Home > J) : (Home <= Hole && Home > J);
}

template <typename V> class AddrMap {
public:
  /// The value for \p Key, or null.
  V *find(uintptr_t Key) {
    if (!Cap)
      return nullptr;
    for (size_t I = hash(Key);; I = (I + 1) & (Cap - 1)) {
      if (Slots[I].Key == Key && Slots[I].Used)
        return &Slots[I].Value;
      if (!Slots[I].Used)
        return nullptr;
    }
  }
  /// The value for \p Key, default-constructed if absent; sets \p Inserted.
  V &getOrInsert(uintptr_t Key, bool *Inserted = nullptr) {
    if ((Count + 1) * 4 > Cap * 3)
      rehash(Cap ? Cap * 2 : 64);
    size_t I = hash(Key);
    for (; Slots[I].Used; I = (I + 1) & (Cap - 1))
      if (Slots[I].Key == Key) {
        if (Inserted)
          *Inserted = false;
        return Slots[I].Value;
      }
    Slots[I].Used = true;
    Slots[I].Key = Key;
    Slots[I].Value = V();
    ++Count;
    if (Inserted)
      *Inserted = true;
    return Slots[I].Value;
  }
  /// Removes \p Key if present (backward-shift deletion keeps probes short).
  bool erase(uintptr_t Key) {
    if (!Cap)
      return false;
    size_t I = hash(Key);
    for (;; I = (I + 1) & (Cap - 1)) {
      if (!Slots[I].Used)
        return false;
      if (Slots[I].Key == Key)
        break;
    }
    Slots[I].Used = false;
    --Count;
    for (size_t J = (I + 1) & (Cap - 1); Slots[J].Used; J = (J + 1) & (Cap - 1)) {
      size_t Home = hash(Slots[J].Key);
      if (movesIntoHole(I, J, Home)) {
        Slots[I] = Slots[J];
        Slots[J].Used = false;
        I = J;
      }
    }
    return true;
  }
  size_t size() const { return Count; }
  /// Visits every entry, in no meaningful order (see the file comment).
  template <typename F> void forEachUnordered(F Fn) {
    for (size_t I = 0; I < Cap; ++I)
      if (Slots[I].Used)
        Fn(Slots[I].Key, Slots[I].Value);
  }

private:
  struct Slot {
    uintptr_t Key;
    bool Used;
    V Value;
  };
  size_t hash(uintptr_t K) const { return static_cast<size_t>(addrHash(K)) & (Cap - 1); }
  void rehash(size_t NewCap) {
    Slot *Old = Slots;
    size_t OldCap = Cap;
    Slots = static_cast<Slot *>(internalAlloc(NewCap * sizeof(Slot)));
    Cap = NewCap;
    Count = 0;
    for (size_t I = 0; I < OldCap; ++I)
      if (Old[I].Used)
        getOrInsert(Old[I].Key) = Old[I].Value;
    internalFree(Old);
  }
  Slot *Slots = nullptr;
  size_t Cap = 0; // power of two
  size_t Count = 0;
};

} // namespace weft

#endif
