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
// free): it holds live blocks only, in 32-byte slots, so it stays small
// and its probes short. (Live and freed blocks once shared one table; freed entries, 4,096 of them, made it ten times the
// size, with long probe chains, and a free cost two more look-ups to drop
// the oldest: docs/performance.md, "Allocation at half of TSan's cost".)
// Freed blocks go to a ring, written once per free and read only by
// reports, which scan it.
//
// Neither an allocation's write of its block (up to 4 KiB, see
// kNamedByBlockMax) nor a quarantined block's free is recorded in the
// access history (two records per block, each a cache
// miss on a stream of chunks); their stack contexts stay here, with the
// block, and name the shadow slots they left:
//  * a free marks its shadow with kFreedBits, a value no access stores, so
//    (granule, slot value) names the newest freed block covering the
//    granule whose free carries the slot's clock slot and epoch;
//  * an allocation's write is a plain write. A slot of the same thread and
//    epoch, a write, in a live block that the allocation wrote, is named as
//    the allocation: the newest store of that value there, unless the
//    value left the granule and the thread stored it again in the same
//    epoch (its slot evicted by two other threads' accesses); then the
//    allocation is named instead of that store, an access of the same
//    thread, epoch and bytes, so ordered alike with every other access (as
//    the access check names the first of two same-epoch accesses).
//
// Keys are addresses: nothing may iterate these to make a decision or to
// order output (reports pick by recency, never by table order). Never
// allocates through the program's malloc (weft's own allocator).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_HEAP_BLOCKS_H
#define WEFT_RUNTIME_HEAP_BLOCKS_H

#include "core/addr_map.h"
#include "shadow/shadow.h"

#include <cstddef>
#include <cstdint>

namespace weft {

/// A live block, as its allocation left it.
struct LiveBlock {
  size_t Size;
  StackId AllocStack; // in the kept trie: the location line prints it
  ThreadId AllocTid;
  // The allocation's write of the block (small blocks, see onAlloc): the
  // clock slot and epoch its shadow slots carry, and its stack context
  // (history trie, lock set). AllocSid is Sid::Invalid if it wrote nothing.
  uint32_t AllocContext;
  Epoch AllocEpoch;
  Sid AllocSid;
};

/// Live blocks by start address: open addressing, linear probing,
/// backward-shift deletion, at most half full, 32-byte slots,
/// homes that keep neighbours together (home()). Start 0 marks an empty
/// slot (no block starts at address 0). A size of 4 GiB or more is kept
/// beside the table (a slot holds 32 bits of it).
class LiveBlockTable {
public:
  /// Records the block at \p Start, replacing one recorded there.
  void insert(uintptr_t Start, const LiveBlock &B);
  /// The block at \p Start into \p Out; false if there is none.
  bool find(uintptr_t Start, LiveBlock *Out) const;
  /// Removes the block at \p Start into \p Out; false if there is none.
  bool take(uintptr_t Start, LiveBlock *Out);
  /// The block containing \p Addr among those of at most \p MaxSize bytes
  /// (starts are 16-byte aligned, as glibc's): walks back from \p Addr to
  /// the nearest start in the table, so it costs a probe per 16 bytes
  /// between the block's start and \p Addr. Returns its start or 0.
  uintptr_t containing(uintptr_t Addr, size_t MaxSize, LiveBlock *Out);
  size_t size() const { return Count; }
  /// Visits every block, in no meaningful order (see the file comment).
  template <typename F> void forEachUnordered(F Fn) const {
    for (size_t I = 0; I < Cap; ++I)
      if (Slots[I].Start)
        Fn(Slots[I].Start, unpack(Slots[I]));
  }

private:
  /// A LiveBlock with its size in 32 bits (kHugeSize: in HugeSizes).
  struct Slot {
    uintptr_t Start;
    uint32_t Size;
    StackId AllocStack;
    ThreadId AllocTid;
    uint32_t AllocContext;
    Epoch AllocEpoch;
    Sid AllocSid;
  };
  static_assert(sizeof(Slot) == 32, "a slot is the key and the block, 32 bytes");
  static constexpr uint32_t kHugeSize = UINT32_MAX;
  size_t home(uintptr_t Start) const;
  void grow();
  size_t slotOf(uintptr_t Start) const; // its index, or Cap if absent
  Slot pack(uintptr_t Start, const LiveBlock &B);
  LiveBlock unpack(const Slot &S) const;
  AddrMap<size_t> HugeSizes;
  Slot *Slots = nullptr;
  size_t Cap = 0; // a power of two, or 0
  size_t Count = 0;
};

/// A freed block, as a report sees it: the live one plus its free.
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

/// The last kKept frees of marked blocks (of up to 4 GiB: marked blocks are
/// far smaller), newest replacing oldest. Their marks are named for all
/// kKept (a mark outlives its block's description: the access history,
/// which used to name them, kept them about as long on allocation-heavy
/// programs), the blocks described for the last kDescribed only (an old
/// free's memory has usually been merged and handed out again; a location
/// line naming it would mislead).
class FreedBlockRing {
public:
  static constexpr size_t kKept = 16384;
  static constexpr size_t kDescribed = 4096;
  /// Remembers the free of \p B, at \p Start, by \p FreeTid, whose marks
  /// carry \p FreeSlot's clock slot and epoch and name \p FreeContext.
  void add(uintptr_t Start, const LiveBlock &B, ThreadId FreeTid, uint32_t FreeContext,
           RawSlot FreeSlot) {
    if (__builtin_expect(!Ring, 0))
      allocate();
    Entry &E = Ring[++Seq % kKept];
    E.Start = Start;
    E.Size = uint32_t(B.Size);
    E.AllocStack = B.AllocStack;
    E.AllocTid = B.AllocTid;
    E.FreeTid = FreeTid;
    E.FreeContext = FreeContext;
    E.FreeSlot = FreeSlot;
  }
  /// The most recently freed block containing \p Addr, if it is among the
  /// last kDescribed.
  bool findNewest(uintptr_t Addr, FreedBlock *Out) const;
  /// The stack context of the free that stored the marked slot \p Slot
  /// (slotFreed) in the granule at \p GranuleAddr: the newest of the last
  /// kKept frees covering the granule with the slot's clock slot and epoch.
  bool freeContext(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context) const;
  uint64_t frees() const { return Seq; }

private:
  /// 40 bytes: written once per free, so kept small.
  struct Entry {
    uintptr_t Start;
    uint32_t Size;
    StackId AllocStack;
    ThreadId AllocTid;
    ThreadId FreeTid;
    uint32_t FreeContext;
    uint32_t Unused;
    RawSlot FreeSlot;
  };
  static_assert(sizeof(Entry) == 40, "a freed block's entry is 40 bytes");
  void allocate();
  Entry *Ring = nullptr; // kKept entries, from the first free
  uint64_t Seq = 0;
};

} // namespace weft

#endif
