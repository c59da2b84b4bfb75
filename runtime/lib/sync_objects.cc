//===- sync_objects.cc - The program's sync objects, found by address -----===//
//
// Mutexes, condition variables, once flags and atomic locations get a SyncVar
// the first time they synchronize. Its granule in shadow memory is flagged so
// that freeing or reusing the memory (free, a new thread's stack) drops the
// object without scanning the table: a recycled address starts fresh.
//
//===----------------------------------------------------------------------===//

#include "rtl.h"

namespace weft {

SyncVar *syncFor(uintptr_t Addr) {
  // Almost every call finds an existing object: a probe without the
  // insertion bookkeeping first.
  if (SyncVar **Found = Rt.Syncs.find(Addr))
    return *Found;
  bool Inserted;
  SyncVar *&S = Rt.Syncs.getOrInsert(Addr, &Inserted);
  if (Inserted) {
    S = internalNew<SyncVar>();
    S->Addr = Addr;
    S->Uid = Rt.NextSyncUid++;
    shadow::granuleFor(Addr)->Stack[0] |= kHasSyncBit;
  }
  return S;
}

void dropSyncsInGranule(uintptr_t GranuleAddr) {
  for (uintptr_t A = GranuleAddr; A < GranuleAddr + kGranule; ++A) {
    SyncVar **S = Rt.Syncs.find(A);
    if (!S)
      continue;
    SyncVar *Dead = *S;
    Rt.Syncs.erase(A);
    // A thread still blocked on it would be a program bug (freeing a mutex
    // in use); keep the object alive rather than let the waiter dangle.
    if (!Dead->inUse())
      internalDelete(Dead);
  }
}

void resetRange(uintptr_t Addr, size_t Size) {
  shadow::reset(Addr, Size, dropSyncsInGranule);
}

} // namespace weft
