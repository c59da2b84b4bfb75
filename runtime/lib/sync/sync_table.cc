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

namespace {

size_t Total = 0;

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
  SyncVar *&Head = Region->Head[G];
  ++Region->BlockLive[G / kGranulesPerBlock];
  S->GranuleNext = Head;
  Head = S;
  S->RegionNext = Region->Live;
  S->RegionPrev = nullptr;
  if (Region->Live)
    Region->Live->RegionPrev = S;
  Region->Live = S;
  ++Region->LiveCount;
  ++Total;
}

void unlink(SyncVar *S) {
  SyncRegion *Region = regionOf(S->Addr);
  size_t G = granuleIndex(S->Addr);
  for (SyncVar **P = &Region->Head[G]; *P; P = &(*P)->GranuleNext)
    if (*P == S) {
      *P = S->GranuleNext;
      --Region->BlockLive[G / kGranulesPerBlock];
      break;
    }
  if (S->RegionPrev)
    S->RegionPrev->RegionNext = S->RegionNext;
  else
    Region->Live = S->RegionNext;
  if (S->RegionNext)
    S->RegionNext->RegionPrev = S->RegionPrev;
  S->GranuleNext = S->RegionNext = S->RegionPrev = nullptr;
  --Region->LiveCount;
  --Total;
}

size_t size() { return Total; }

} // namespace sync_table
} // namespace weft
