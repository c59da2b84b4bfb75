//===- sync_objects.cc - The program's sync objects, found by address -----===//
//
// Mutexes, condition variables, once flags and atomic locations get a SyncVar
// the first time they synchronize. Its granule is flagged in the shadow's
// sync bitmap (shadow.h) so that freeing or reusing the memory (free, a new
// thread's stack) drops the object without scanning the table: a recycled
// address starts fresh.
//
//===----------------------------------------------------------------------===//

#include "core/rtl.h"

namespace weft {

SyncVar *syncCreate(uintptr_t Addr) {
  SyncVar *S = internalNew<SyncVar>();
  S->Addr = Addr;
  S->Uid = Rt.NextSyncUid++;
  Rt.Syncs.getOrInsert(Addr) = S;
  shadow::markSync(Addr);
  return S;
}

void forgetSync(uintptr_t Addr) {
  SyncVar **S = Rt.Syncs.find(Addr);
  if (!S)
    return;
  SyncVar *Dead = *S;
  Rt.Syncs.erase(Addr);
  // A thread still blocked on it would be a program bug (freeing a mutex
  // in use); keep the object alive rather than let the waiter dangle.
  if (!Dead->inUse())
    internalDelete(Dead);
}

void dropSyncsInGranule(uintptr_t GranuleAddr) {
  for (uintptr_t A = GranuleAddr; A < GranuleAddr + kGranule; ++A)
    forgetSync(A);
}

/// A large range (a new thread's stack, a big block) holds far more
/// granules than there are sync objects: they are found in the table rather
/// than by reading the flag of every granule, which would fault in every
/// shadow page of the range only to release it. Which objects are dropped
/// does not depend on the table's order.
static void __attribute__((noinline)) resetLargeRange(uintptr_t Addr, size_t Size) {
  // The granules shadow::reset forgets, partial ones included.
  uintptr_t Begin = Addr & ~uintptr_t(kGranule - 1);
  uintptr_t End = (Addr + Size + kGranule - 1) & ~uintptr_t(kGranule - 1);
  InternalVector<uintptr_t> Dead;
  Rt.Syncs.forEachUnordered([&](uintptr_t A, SyncVar *&) {
    if (A >= Begin && A < End)
      Dead.push_back(A);
  });
  for (uintptr_t A : Dead)
    forgetSync(A);
  shadow::reset(Addr, Size, nullptr);
}

void resetRange(uintptr_t Addr, size_t Size) {
  // Visiting the table costs about as much per entry as reading a flag per
  // granule; below 64 KiB the flags are cheap anyway (and most resets are
  // small allocations).
  if (Size >= 64 * 1024 && Size / kGranule > 16 * (Rt.Syncs.size() + 1))
    return resetLargeRange(Addr, Size);
  shadow::reset(Addr, Size, dropSyncsInGranule);
}

} // namespace weft
