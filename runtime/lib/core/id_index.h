//===- id_index.h - A hash index of interned objects, by their ids --------===//
//
// Owns only a table of 32-bit ids: the objects they number (lock sets,
// access contexts, lock-order edges) live in the caller's vector, and the
// caller hashes and compares their keys. An AddrMap beside such a vector
// keeps a second copy of every key at 16 bytes a slot; at the hundreds of
// thousands of entries a program with many nested locks interns, those
// copies were a third of its peak memory (docs/performance.md, "Nested
// locks: look-ups and memory"). Here a slot is 4 bytes.
//
// Must never: be used on the per-access fast path (it hashes), hold id 0
// (the empty slot), or decide anything by slot order (ids are interned in
// schedule order; slots follow hashes of addresses). No erase: interned
// objects are never removed.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_ID_INDEX_H
#define WEFT_RUNTIME_ID_INDEX_H

#include "base/internal_alloc.h"

#include <cstddef>
#include <cstdint>

namespace weft {

class IdIndex {
public:
  /// The id whose object has hash \p Hash and satisfies \p Matches(id), or 0.
  template <typename MatchFn> uint32_t find(uint64_t Hash, MatchFn Matches) const {
    if (!Cap)
      return 0;
    for (size_t I = slot(Hash);; I = (I + 1) & (Cap - 1)) {
      uint32_t Id = Ids[I];
      if (!Id || Matches(Id))
        return Id;
    }
  }

  /// Adds \p Id (nonzero, not present) whose object hashes to \p Hash;
  /// \p HashOf(id) rehashes the ids already present when the table grows.
  template <typename HashFn> void insert(uint64_t Hash, uint32_t Id, HashFn HashOf) {
    if ((Count + 1) * 4 > Cap * 3)
      grow(Cap ? Cap * 2 : 1024, HashOf);
    place(Hash, Id);
    ++Count;
  }

  size_t size() const { return Count; }

private:
  size_t slot(uint64_t Hash) const {
    uint64_t H = Hash * 0x9e3779b97f4a7c15ULL;
    return static_cast<size_t>(H ^ (H >> 32)) & (Cap - 1);
  }
  void place(uint64_t Hash, uint32_t Id) {
    size_t I = slot(Hash);
    while (Ids[I])
      I = (I + 1) & (Cap - 1);
    Ids[I] = Id;
  }
  template <typename HashFn> void grow(size_t NewCap, HashFn HashOf) {
    uint32_t *Old = Ids;
    size_t OldCap = Cap;
    Ids = static_cast<uint32_t *>(internalAlloc(NewCap * sizeof(uint32_t)));
    Cap = NewCap;
    for (size_t I = 0; I < OldCap; ++I)
      if (Old[I])
        place(HashOf(Old[I]), Old[I]);
    internalFree(Old);
  }

  uint32_t *Ids = nullptr; // 0 = empty
  size_t Cap = 0;          // power of two, at most three quarters full
  size_t Count = 0;
};

} // namespace weft

#endif
