//===- sync_table.cc - Sync objects found by address, direct-mapped -------===//
//
// The regions are reserved (MAP_NORESERVE) on the first object in them and
// kept: the address space is cheap, the pages only cost once touched.
//
//===----------------------------------------------------------------------===//

#include "sync/sync_table.h"

#include "core/rtl.h"

namespace weft {
namespace sync_table {

SyncRegion *Regions[shadow::kNumRegions];
DenseSlab<SyncVar> Pool;

namespace {

size_t Total = 0, Peak = 0;

SyncRegion *mapRegion(size_t R) {
  void *P = reserveAddressSpace(sizeof(SyncRegion));
  if (!P)
    dieOutOfAddressSpace("the sync object table", sizeof(SyncRegion));
  Regions[R] = static_cast<SyncRegion *>(P); // zero: no objects yet
  return Regions[R];
}

} // namespace

void insert(SyncVar *S) {
  size_t R = shadow::regionIndex(S->Addr);
  SyncRegion *Region = Regions[R] ? Regions[R] : mapRegion(R);
  size_t G = granuleIndex(S->Addr);
  ++Region->BlockLive[G / kGranulesPerBlock];
  S->GranuleNext = Region->Head[G];
  Region->Head[G] = S->Id;
  S->RegionNext = Region->Live;
  S->RegionPrev = 0;
  if (Region->Live)
    at(Region->Live)->RegionPrev = S->Id;
  Region->Live = S->Id;
  ++Region->LiveCount;
  if (++Total > Peak)
    Peak = Total;
}

void unlink(SyncVar *S) {
  SyncRegion *Region = regionOf(S->Addr);
  size_t G = granuleIndex(S->Addr);
  for (uint32_t *P = &Region->Head[G]; *P; P = &at(*P)->GranuleNext)
    if (*P == S->Id) {
      *P = S->GranuleNext;
      --Region->BlockLive[G / kGranulesPerBlock];
      break;
    }
  if (S->RegionPrev)
    at(S->RegionPrev)->RegionNext = S->RegionNext;
  else
    Region->Live = S->RegionNext;
  if (S->RegionNext)
    at(S->RegionNext)->RegionPrev = S->RegionPrev;
  S->GranuleNext = S->RegionNext = S->RegionPrev = 0;
  --Region->LiveCount;
  --Total;
}

void releaseEmptyHeads(SyncRegion *R, size_t First, size_t Last) {
  // Whole pages only, in runs: one system call per run of empty pages.
  size_t Block = (First + kGranulesPerBlock - 1) / kGranulesPerBlock;
  size_t End = Last / kGranulesPerBlock;
  while (Block < End) {
    if (R->BlockLive[Block]) {
      ++Block;
      continue;
    }
    size_t RunEnd = Block + 1;
    while (RunEnd < End && !R->BlockLive[RunEnd])
      ++RunEnd;
    releasePages(&R->Head[Block * kGranulesPerBlock],
                 (RunEnd - Block) * kGranulesPerBlock * sizeof(uint32_t));
    Block = RunEnd;
  }
}

size_t size() { return Total; }
size_t peak() { return Peak; }

} // namespace sync_table
} // namespace weft
