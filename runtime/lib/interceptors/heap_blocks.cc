//===- heap_blocks.cc - Live heap blocks by start, freed ones by recency --===//

#include "interceptors/heap_blocks.h"

#include "base/internal_alloc.h"
#include "core/addr_map.h"

namespace weft {

size_t LiveBlockTable::home(uintptr_t Start) const {
  // Neighbouring blocks get neighbouring slots: a program allocates and
  // frees runs of blocks that glibc placed side by side (a list's nodes, a
  // container's elements), and their slots then share cache lines instead
  // of each costing a miss. Within a 4 KiB page the home is the block's
  // 16-byte index; the page itself is hashed. (A hash per MiB instead made
  // the 32 KiB spans of a table of 2,048 slots alias onto each other, and
  // the clusters of a heap of a few hundred KiB grew long.)
  uint64_t Page = addrHash(Start >> 12);
  return static_cast<size_t>(Page + ((Start >> 4) & 255)) & (Cap - 1);
}

LiveBlockTable::Slot LiveBlockTable::pack(uintptr_t Start, const LiveBlock &B) {
  uint32_t Size = uint32_t(B.Size);
  if (B.Size >= kHugeSize) {
    Size = kHugeSize;
    HugeSizes.getOrInsert(Start) = B.Size;
  }
  return Slot{Start, Size, B.AllocStack, B.AllocTid, B.AllocContext, B.AllocEpoch, B.AllocSid};
}

LiveBlock LiveBlockTable::unpack(const Slot &S) const {
  size_t Size = S.Size;
  if (Size == kHugeSize)
    Size = *const_cast<AddrMap<size_t> &>(HugeSizes).find(S.Start);
  return LiveBlock{Size, S.AllocStack, S.AllocTid, S.AllocContext, S.AllocEpoch, S.AllocSid};
}

void LiveBlockTable::grow() {
  Slot *Old = Slots;
  size_t OldCap = Cap;
  Cap = Cap ? Cap * 2 : 256;
  Slots = static_cast<Slot *>(internalAlloc(Cap * sizeof(Slot))); // zeroed: empty
  for (size_t I = 0; I < OldCap; ++I) {
    if (!Old[I].Start)
      continue;
    size_t J = home(Old[I].Start);
    while (Slots[J].Start)
      J = (J + 1) & (Cap - 1);
    Slots[J] = Old[I];
  }
  internalFree(Old);
}

void LiveBlockTable::insert(uintptr_t Start, const LiveBlock &B) {
  // At most half full: 64-128 bytes of table per live block, as the
  // shared table's 48-byte slots up to three quarters full took. Fuller,
  // the runs of neighbouring homes (home()) merge into long clusters:
  // three quarters made alloc_heavy 25% slower.
  if ((Count + 1) * 2 > Cap)
    grow();
  size_t I = home(Start);
  for (; Slots[I].Start; I = (I + 1) & (Cap - 1))
    if (Slots[I].Start == Start) {
      if (Slots[I].Size == kHugeSize)
        HugeSizes.erase(Start);
      Slots[I] = pack(Start, B);
      return;
    }
  Slots[I] = pack(Start, B);
  ++Count;
}

size_t LiveBlockTable::slotOf(uintptr_t Start) const {
  if (!Cap)
    return 0;
  for (size_t I = home(Start); Slots[I].Start; I = (I + 1) & (Cap - 1))
    if (Slots[I].Start == Start)
      return I;
  return Cap;
}

bool LiveBlockTable::find(uintptr_t Start, LiveBlock *Out) const {
  size_t I = slotOf(Start);
  if (I == Cap)
    return false;
  *Out = unpack(Slots[I]);
  return true;
}

bool LiveBlockTable::take(uintptr_t Start, LiveBlock *Out) {
  size_t I = slotOf(Start);
  if (I == Cap)
    return false;
  *Out = unpack(Slots[I]);
  if (Slots[I].Size == kHugeSize)
    HugeSizes.erase(Start);
  --Count;
  // Backward shift, so that no probe sequence ever crosses an empty slot
  // before reaching its key.
  for (size_t J = (I + 1) & (Cap - 1); Slots[J].Start; J = (J + 1) & (Cap - 1)) {
    if (movesIntoHole(I, J, home(Slots[J].Start))) {
      Slots[I] = Slots[J];
      I = J;
    }
  }
  Slots[I].Start = 0;
  return true;
}

uintptr_t LiveBlockTable::containing(uintptr_t Addr, size_t MaxSize, LiveBlock *Out) {
  if (!Count)
    return 0;
  // Blocks never overlap: the nearest start at or below Addr is the only
  // candidate, and a block of at most MaxSize bytes starts less than
  // MaxSize bytes below it.
  for (uintptr_t S = Addr & ~uintptr_t(15); Addr - S < MaxSize; S -= 16) {
    if (find(S, Out))
      return Addr < S + (Out->Size ? Out->Size : 1) ? S : 0;
    if (S < 16)
      break;
  }
  return 0;
}

void FreedBlockRing::allocate() {
  // Zeroed (internalAlloc), and touched only as frees fill it.
  Ring = static_cast<Entry *>(internalAlloc(kKept * sizeof(Entry)));
}

bool FreedBlockRing::findNewest(uintptr_t Addr, FreedBlock *Out) const {
  // Newest first; the first hit is the answer.
  for (uint64_t S = Seq; S > 0 && Seq - S < kDescribed; --S) {
    const Entry &E = Ring[S % kKept];
    if (Addr >= E.Start && Addr < E.Start + (E.Size ? E.Size : 1)) {
      *Out = FreedBlock{E.Start,   E.Size,        E.AllocStack, E.AllocTid,
                        E.FreeTid, E.FreeContext, E.FreeSlot,   S};
      return true;
    }
  }
  return false;
}

bool FreedBlockRing::freeContext(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context) const {
  for (uint64_t S = Seq; S > 0 && Seq - S < kKept; --S) {
    const Entry &E = Ring[S % kKept];
    // The block's granules: from the one holding its first byte to the one
    // holding its last.
    uintptr_t First = E.Start & ~uintptr_t(kGranule - 1);
    if (GranuleAddr < First || GranuleAddr >= E.Start + (E.Size ? E.Size : 1))
      continue;
    if (slotSid(E.FreeSlot) == slotSid(Slot) && slotEpoch(E.FreeSlot) == slotEpoch(Slot)) {
      *Context = E.FreeContext;
      return true;
    }
  }
  return false;
}

} // namespace weft
