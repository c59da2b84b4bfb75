//===- shadow.h - Shadow memory: the last accesses to every 8 bytes -------===//
//
// Every 8-byte granule of program memory has a shadow Granule holding up to
// two recent accesses (Slots): 16 bytes of shadow per 8 bytes of memory, as
// dense as TSan's. Which stack made each recorded access lives off the hot
// shadow, in the access history (access_history.h), so a report can still
// show the previous access's stack. Sync objects are found apart, in their
// own direct-mapped table (sync/sync_table.h).
//
// Address translation survives any ASLR layout: a first-level table indexed
// by bits [25, 49) of the address points to a lazily reserved region
// (MAP_NORESERVE) that shadows those 32 MiB (weft/shadow_layout.h); nothing
// assumes where the kernel puts the program, its heap or its libraries.
//
// Slot layout (64 bits; 0 means empty):
//
//   bits  0..31  epoch of the accessing thread
//   bits 32..52  clock slot of the accessing thread (21 bits: up to 2M
//                threads alive at once; slots of ended threads are reused,
//                clock_slots.h)
//   bit  53      the object's vtable pointer (a vptr update or read)
//   bits 54..61  byte mask within the granule (bit i = byte i); never 0
//   bit  62      write
//   bit  63      atomic
//
// A free of a heap block still in quarantine (malloc_interceptors.cc) is a
// write with both bit 53 and bit 63 set, which no access has (a vtable
// pointer is never accessed atomically): it races with every access,
// including the freeing thread's own and those ordered after it, since
// memory nobody may use is not reused while it is held back.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SHADOW_H
#define WEFT_RUNTIME_SHADOW_H

#include "thread_id.h"
#include "core/vector_clock.h"
#include "weft/shadow_layout.h"

#include <cstddef>
#include <cstdint>

namespace weft {

using RawSlot = uint64_t;
using StackId = uint32_t;

constexpr unsigned kGranule = WEFT_GRANULE_BYTES;
constexpr unsigned kSlotsPerGranule = 2;
constexpr RawSlot kWriteBit = RawSlot(1) << WEFT_SLOT_WRITE_BIT;
constexpr RawSlot kAtomicBit = RawSlot(1) << 63;
constexpr RawSlot kVptrBit = RawSlot(1) << 53;
constexpr RawSlot kMaskField = RawSlot(0xff) << WEFT_SLOT_MASK_SHIFT; // the byte mask's bits
constexpr uint32_t kMaxThreads = 1u << 21;

// Two slots, not four (TSan keeps four of 32 bits): a 32-bit slot leaves
// 22 bits for clock slot and epoch, which overflow within thousands of
// releases or threads and then need a reset of the whole shadow that
// forgets every access. Two slots of 64 bits keep the exact epochs and
// clock slots; what they give up is room for a third concurrent access,
// which the eviction order in the access check (access.cc) spends where it
// loses the least. docs/design.md, "Shadow memory".
struct Granule {
  RawSlot Slot[kSlotsPerGranule];
};
static_assert(sizeof(Granule) == WEFT_GRANULE_SHADOW_BYTES && offsetof(Granule, Slot) == 0,
              "shadow granule layout (weft/shadow_layout.h)");
static_assert(WEFT_GRANULE_SHADOW_BYTES <= 2 * WEFT_GRANULE_BYTES,
              "at most two bytes of shadow per byte of memory");

/// The access part of a slot (bytes and kind), to or into a thread's
/// precomputed tid and epoch bits (ThreadState::SlotBase).
inline RawSlot slotAccessBits(uint8_t Mask, bool Write, bool Atomic) {
  return (RawSlot(Mask) << WEFT_SLOT_MASK_SHIFT) | (Write ? kWriteBit : 0) |
         (Atomic ? kAtomicBit : 0);
}
inline RawSlot makeSlot(Sid T, Epoch E, uint8_t Mask, bool Write, bool Atomic) {
  return RawSlot(E) | (RawSlot(index(T)) << 32) | slotAccessBits(Mask, Write, Atomic);
}
inline Epoch slotEpoch(RawSlot S) { return static_cast<Epoch>(S); }
inline Sid slotSid(RawSlot S) {
  return static_cast<Sid>((S >> 32) & (kMaxThreads - 1));
}
inline uint8_t slotMask(RawSlot S) { return static_cast<uint8_t>(S >> WEFT_SLOT_MASK_SHIFT); }
inline bool slotWrite(RawSlot S) { return S & kWriteBit; }
/// The bits that mark a quarantined block's free (see the layout above).
constexpr RawSlot kFreedBits = kVptrBit | kAtomicBit;
inline bool slotFreed(RawSlot S) { return (S & kFreedBits) == kFreedBits; }
inline bool slotAtomic(RawSlot S) { return (S & kFreedBits) == kAtomicBit; }

/// Byte mask of an access of \p Size bytes at offset \p Off in a granule.
inline uint8_t byteMask(unsigned Off, unsigned Size) {
  return static_cast<uint8_t>(((1u << Size) - 1) << Off);
}

/// The fast path: this thread already recorded, in the current epoch, an
/// access of the same kind covering these bytes (a write covers a read too):
/// this very access in a loop, a byte read after a wider write of it, a
/// field after the whole object. Nothing can have changed since: any
/// access of another thread in between was checked against that one.
inline __attribute__((always_inline)) bool alreadyRecorded(const Granule *G, RawSlot Cur) {
  // Outside the byte mask and the write bit the slot must be Cur exactly;
  // inside them it must hold every bit Cur holds. So a bit where the two
  // differ must be one Cur does not hold, inside those fields. (The pass's
  // inline fast path makes the same test; the out-of-line entry points,
  // preserving_access.cc, call this one.)
  constexpr RawSlot kCoverable = kMaskField | kWriteBit;
  RawSlot MustMatch = Cur | ~kCoverable;
  static_assert(kSlotsPerGranule == 2, "both slots, one after the other");
  return ((G->Slot[0] ^ Cur) & MustMatch) == 0 || ((G->Slot[1] ^ Cur) & MustMatch) == 0;
}

namespace shadow {

constexpr unsigned kRegionShift = WEFT_REGION_SHIFT;
constexpr size_t kNumRegions = size_t(1) << WEFT_REGION_INDEX_BITS; // addresses below 2^49
constexpr size_t kRegionGranules = (size_t(1) << kRegionShift) / kGranule;
constexpr size_t kRegionShadowBytes = kRegionGranules * sizeof(Granule);
/// A page after each region's granules, in the same reservation: the
/// region's read-only page bits (read_only_pages.h).
constexpr size_t kRegionTailBytes = 4096;

// Named for the pass's inline access check (weft/shadow_layout.h), and
// visible to instrumented shared objects, which read it too.
extern char *Regions[kNumRegions] __asm__(WEFT_SHADOW_REGIONS_SYMBOL)
    __attribute__((visibility("default")));
/// Reserves the shadow of region \p R; dies if address space runs out.
char *mapRegion(size_t R);
/// Regions whose shadow was reserved (each shadows 32 MiB; print_stats).
size_t regionsMapped();

inline size_t regionIndex(uintptr_t Addr) {
  return (Addr >> kRegionShift) & (kNumRegions - 1);
}
/// The granule of \p Addr inside the (mapped) shadow region \p Region.
inline Granule *granuleIn(char *Region, uintptr_t Addr) {
  uintptr_t Off = (Addr & ((uintptr_t(1) << kRegionShift) - 1)) / kGranule;
  return reinterpret_cast<Granule *>(Region) + Off;
}
inline Granule *granuleFor(uintptr_t Addr) {
  size_t R = regionIndex(Addr);
  char *Base = Regions[R];
  if (__builtin_expect(Base == nullptr, 0))
    Base = mapRegion(R);
  return granuleIn(Base, Addr);
}

/// Forgets every access to [Addr, Addr+Size) of memory the program keeps
/// (a heap block freed to or taken from the allocator): the shadow is
/// zeroed in place where it is resident, so it stays resident for the
/// memory's next owner, and released where it is not (shadow.cc). Its sync
/// objects are the caller's to drop: resetRange.
void reset(uintptr_t Addr, size_t Size);
/// Forgets every access to [Addr, Addr+Size) of memory the kernel took back
/// (munmap, MADV_DONTNEED): the whole shadow pages of all but small ranges
/// are handed back too (releaseRange).
void release(uintptr_t Addr, size_t Size);
/// Hands back the whole shadow pages of [Addr, Addr+Size) that are
/// resident and read zero: they hold nothing, so nothing is forgotten, and
/// they read zero after as before (kept_shadow.h bounds with it the zeroed
/// shadow that freed blocks leave resident).
void releaseZeroPages(uintptr_t Addr, size_t Size);
/// Forgets every access to [Addr, Addr+Size), a mapping being made
/// read-only, by mapping its whole shadow pages privately from one file of
/// zeros (a memfd as long as a region's shadow): the inline check's loads
/// of them then share that file's pages, several pages mapped per fault
/// (the kernel's fault-around), with no memory of their own; a write, rare
/// there, copies a page as for any private mapping.
void mapZeroFile(uintptr_t Addr, size_t Size);

} // namespace shadow
} // namespace weft

#endif
