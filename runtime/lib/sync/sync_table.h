//===- sync_table.h - Sync objects found by address, direct-mapped --------===//
//
// Every sync object (mutex, condition variable, atomic location, ...) is
// found from its address in a few dependent loads, the way shadow memory
// is: a first-level table indexed like the shadow's regions (bits [25, 49)
// of the address) points to a lazily reserved SyncRegion that holds, for
// each 8-byte granule of those 32 MiB, the head of the (almost always
// one-long) list of the objects that live in it, as a 32-bit id in the
// objects' pool (Pool, rtl.h): 4 bytes of table per 8 bytes of memory where
// objects live, as TSan's meta shadow, not the 8 of a pointer. Neighbouring
// objects (a vector of atomics, an array of mutexes) have neighbouring
// heads, so walking them stays in cache, where a hash table would scatter
// them over its whole size. Pages of a region cost memory only once an
// object lives there, and memory the kernel took back hands back the whole
// pages of heads it emptied (releaseRange, sync_objects.cc).
//
// Each region also links its live objects in a list, so that a reset of a
// large range with few objects in it (a thread's stack, a big block) visits
// the objects rather than every granule's head, and counts them per page
// of heads, so that a reset of a smaller range skips the pages with none.
//
// Never called on the plain-access path; never allocates from the program.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SYNC_SYNC_TABLE_H
#define WEFT_RUNTIME_SYNC_SYNC_TABLE_H

#include "shadow/shadow.h"

#include <cstddef>
#include <cstdint>

namespace weft {

struct SyncVar;

namespace sync_table {

constexpr size_t kGranulesPerRegion = (size_t(1) << shadow::kRegionShift) / kGranule;

/// Granules whose heads fill one page: the unit a range reset skips.
constexpr size_t kGranulesPerBlock = 4096 / sizeof(uint32_t);

struct SyncRegion {
  uint32_t Live = 0; // every object of the region (SyncVar::RegionNext)
  size_t LiveCount = 0;
  // Live objects per page of heads: a reset of a freed block skips the
  // pages with none without reading them, so a region that holds a few
  // mutexes does not read (and fault in, as zero pages) a head per granule
  // of every block the program frees there.
  uint32_t BlockLive[kGranulesPerRegion / kGranulesPerBlock];
  alignas(4096) uint32_t Head[kGranulesPerRegion]; // per granule (SyncVar::GranuleNext)
};

extern SyncRegion *Regions[shadow::kNumRegions];

inline SyncRegion *regionOf(uintptr_t Addr) { return Regions[shadow::regionIndex(Addr)]; }
inline size_t granuleIndex(uintptr_t Addr) {
  return (Addr & ((uintptr_t(1) << shadow::kRegionShift) - 1)) / kGranule;
}

/// Links a new object at \p S->Addr (there is none there yet).
void insert(SyncVar *S);
/// Unlinks \p S (found at its address) from the table.
void unlink(SyncVar *S);
/// Hands back the pages of heads of \p R's granules [\p First, \p Last)
/// that hold no object: they read as zero after.
void releaseEmptyHeads(SyncRegion *R, size_t First, size_t Last);
/// How many objects live in the table, and the most that ever did.
size_t size();
size_t peak();

} // namespace sync_table
} // namespace weft

#endif
