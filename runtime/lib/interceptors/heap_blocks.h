//===- heap_blocks.h - Live heap blocks by start, freed ones by recency ---===//
//
// What a report needs to know about the program's heap: the live blocks
// (size, allocating thread and stack, looked up by start on every free and
// realloc) and the most recently freed ones (also who freed them, and the
// stack context of the free, which the shadow marks name: a quarantined
// block's free is not recorded in the access history, see below).
//
// Two structures, because the two are used differently. The live table is
// touched twice per block (inserted by the allocation, taken out by the
// free): it holds live blocks only, in 24-byte slots at most half full,
// so it stays small and its probes short. (Live and freed blocks once
// shared one table; freed entries, 4,096 of them, made it ten times the
// size, with long probe chains, and a free cost two more look-ups to drop
// the oldest: docs/performance.md, "Allocation at half of TSan's cost".)
// Freed blocks go to a ring, written once per free and read only by
// reports, which scan it.
//
// The free of a quarantined block marks its shadow with kFreedBits, a value
// no access stores, so the pair (granule, slot value) names that free
// without the access history: the newest freed block covering the granule
// whose free carries the slot's clock slot and epoch. The free keeps its
// stack context here, and the history one record fewer per block.
//
// Keys are addresses: nothing may iterate these to make a decision or to
// order output (reports pick by recency, never by table order). Never
// allocates through the program's malloc (weft's own allocator).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_HEAP_BLOCKS_H
#define WEFT_RUNTIME_HEAP_BLOCKS_H

#include "shadow/shadow.h"

#include <cstddef>
#include <cstdint>

namespace weft {

/// A live block, as its allocation left it.
struct LiveBlock {
  size_t Size;
  StackId AllocStack; // in the kept trie: the location line prints it
  ThreadId AllocTid;
};

/// Live blocks by start address: open addressing, linear probing,
/// backward-shift deletion, at most half full. Start 0 marks an empty slot
/// (no block starts at address 0).
class LiveBlockTable {
public:
  /// Records the block at \p Start, replacing one recorded there.
  void insert(uintptr_t Start, const LiveBlock &B);
  /// The block at \p Start, or null. Valid until the next insert or take.
  LiveBlock *find(uintptr_t Start);
  /// Removes the block at \p Start into \p Out; false if there is none.
  bool take(uintptr_t Start, LiveBlock *Out);
  size_t size() const { return Count; }
  /// Visits every block, in no meaningful order (see the file comment).
  template <typename F> void forEachUnordered(F Fn) const {
    for (size_t I = 0; I < Cap; ++I)
      if (Slots[I].Start)
        Fn(Slots[I].Start, Slots[I].Block);
  }

private:
  struct Slot {
    uintptr_t Start;
    LiveBlock Block;
  };
  static_assert(sizeof(Slot) == 24, "a slot is the key and the block, 24 bytes");
  size_t home(uintptr_t Start) const;
  void grow();
  Slot *Slots = nullptr;
  size_t Cap = 0; // a power of two, or 0
  size_t Count = 0;
};

/// A freed block: the live one plus its free.
struct FreedBlock {
  uintptr_t Start;
  size_t Size;
  StackId AllocStack;
  ThreadId AllocTid;
  ThreadId FreeTid;
  uint32_t FreeContext; // the free's stack context (history trie, lock set)
  RawSlot FreeSlot;     // the freeing thread's clock slot and epoch bits
  uint64_t Seq;         // 1, 2, ...: the order of frees
};

/// The last kDescribed freed blocks, and the stacks of the last kNamed
/// frees (more: a mark outlives its block's description, and the access
/// history, which used to name it, kept about as many), newest replacing
/// oldest. Only blocks of up to 4 GiB (marked blocks are far smaller).
class FreedBlockRing {
public:
  static constexpr size_t kDescribed = 4096;
  static constexpr size_t kNamed = 65536;
  /// Remembers a free; \p B.Seq is assigned here.
  void add(FreedBlock B);
  /// The most recently freed block containing \p Addr, if it is among the
  /// last kDescribed.
  bool findNewest(uintptr_t Addr, FreedBlock *Out) const;
  /// The stack context of the free that stored the marked slot \p Slot
  /// (slotFreed) in the granule at \p GranuleAddr: the newest of the last
  /// kNamed frees covering the granule with the slot's clock slot and epoch.
  bool freeContext(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context) const;
  uint64_t frees() const { return Seq; }

private:
  /// What names a free's marks: 24 bytes.
  struct Named {
    uintptr_t Start;
    uint32_t Size;
    uint32_t Context;
    RawSlot Slot;
  };
  FreedBlock *Described = nullptr; // kDescribed entries, from the first free
  Named *Names = nullptr;          // kNamed entries, from the first free
  uint64_t Seq = 0;
};

} // namespace weft

#endif
