//===- sync_objects.cc - The program's sync objects, found by address -----===//
//
// Mutexes, condition variables, once flags and atomic locations get a SyncVar
// the first time they synchronize, linked into the direct-mapped table
// (sync_table.h). Freeing or reusing the memory (free, munmap, a new
// thread's stack) drops the objects that lived in it: a recycled address
// starts fresh.
//
//===----------------------------------------------------------------------===//

#include "core/rtl.h"
#include "sync/sync_table.h"

namespace weft {

SyncVar *syncCreate(uintptr_t Addr) {
  uint32_t Id = sync_table::Pool.create("sync objects");
  SyncVar *S = sync_table::at(Id);
  S->Id = Id;
  S->Addr = Addr;
  S->Uid = Rt.NextSyncUid++;
  sync_table::insert(S);
  return S;
}

namespace {

void drop(SyncVar *S) {
  sync_table::unlink(S);
  // A thread still blocked on it would be a program bug (freeing a mutex
  // in use); keep the object alive rather than let the waiter dangle.
  if (!S->inUse())
    sync_table::Pool.destroy(S->Id);
}

} // namespace

void forgetSync(uintptr_t Addr) {
  if (SyncVar *S = syncFind(Addr))
    drop(S);
}

/// Memory the kernel took back (releaseRange) hands back the pages of heads
/// its drop emptied, as its shadow goes back: a big unmapped queue of
/// atomic flags would otherwise keep its heads (4 bytes per 8 of the block)
/// resident for nothing. Memory the program keeps keeps them, as it keeps
/// its shadow: a vector of a million atomics freed and built again at the
/// same place (BS::thread_pool's tests) would fault them all in again.
static void dropSyncs(uintptr_t Addr, size_t Size, bool ReleaseHeads) {
  // Whole granules, partial ones included, as shadow::reset forgets them.
  uintptr_t Begin = Addr & ~uintptr_t(kGranule - 1);
  uintptr_t End = (Addr + Size + kGranule - 1) & ~uintptr_t(kGranule - 1);
  while (Begin < End) {
    uintptr_t RegionEnd = ((Begin >> shadow::kRegionShift) + 1) << shadow::kRegionShift;
    uintptr_t ChunkEnd = End < RegionEnd ? End : RegionEnd;
    sync_table::SyncRegion *R = sync_table::regionOf(Begin);
    if (R && R->LiveCount) {
      size_t Granules = (ChunkEnd - Begin) / kGranule;
      size_t LiveBefore = R->LiveCount;
      if (Granules > 16 * R->LiveCount) {
        // A large range with few objects around (a thread's stack): visit
        // the objects, not every granule's head.
        for (uint32_t Id = R->Live, Next; Id; Id = Next) {
          SyncVar *S = sync_table::at(Id);
          Next = S->RegionNext;
          if (S->Addr >= Begin && S->Addr < ChunkEnd)
            drop(S);
        }
      } else {
        // Granule by granule, skipping the pages of heads with no object.
        size_t G = sync_table::granuleIndex(Begin), Stop = G + Granules;
        while (G < Stop) {
          size_t Block = G / sync_table::kGranulesPerBlock;
          size_t BlockEnd = (Block + 1) * sync_table::kGranulesPerBlock;
          size_t Upto = BlockEnd < Stop ? BlockEnd : Stop;
          if (R->BlockLive[Block])
            for (; G < Upto; ++G)
              while (R->Head[G])
                drop(sync_table::at(R->Head[G]));
          G = Upto;
        }
      }
      if (ReleaseHeads && R->LiveCount < LiveBefore)
        sync_table::releaseEmptyHeads(R, sync_table::granuleIndex(Begin),
                                      sync_table::granuleIndex(Begin) + Granules);
    }
    Begin = ChunkEnd;
  }
}

void dropSyncsInRange(uintptr_t Addr, size_t Size) { dropSyncs(Addr, Size, false); }

void resetRange(uintptr_t Addr, size_t Size) {
  dropSyncs(Addr, Size, false);
  shadow::reset(Addr, Size);
}

void releaseRange(uintptr_t Addr, size_t Size) {
  dropSyncs(Addr, Size, true);
  shadow::release(Addr, Size);
}

} // namespace weft
