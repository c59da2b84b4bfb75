//===- atomics.cc - C11/C++11 atomics: scheduling points and sync edges ---===//
//
// The program's own atomic instruction runs right after (for compare-exchange
// right before) these callbacks; only one thread runs at a time, so nothing
// comes between. Here each atomic is a preemption opportunity, an atomic
// access in shadow memory (atomics race with plain accesses, not with each
// other), and a happens-before edge according to its memory order:
//
//   acquire load / RMW       joins the location's clock into the thread's
//   release store            sets the location's clock to the thread's
//   release RMW              joins into it (continuing a release sequence)
//   relaxed store            ends the release sequence: the clock is cleared
//                            (or set from the last release fence)
//   relaxed RMW              keeps the release sequence intact
//   relaxed load             remembered for a later acquire fence
//   acquire fence            takes everything relaxed loads saw
//   release fence            later relaxed stores/RMWs release its clock
//
//===----------------------------------------------------------------------===//

#include "core/rtl.h"

#include "weft/runtime_abi.h"

namespace weft {
namespace {

enum MemoryOrder : uint32_t {
  Relaxed = 0,
  Consume = 1,
  Acquire = 2,
  Release = 3,
  AcqRel = 4,
  SeqCst = 5,
};

bool isAcquire(uint32_t O) {
  return O == Consume || O == Acquire || O == AcqRel || O == SeqCst;
}
bool isRelease(uint32_t O) { return O == Release || O == AcqRel || O == SeqCst; }

// A thread whose clock already includes the location's (it acquired or
// released it last and nobody wrote it since: SyncVar::coveredBy) skips
// the join: the common re-read of a flag or a pointer that has not changed.
// A relaxed load skips its join into the acquire-fence clock too: what a
// later fence would take from it, the thread's clock has already.
//
// An access reads from every atomic location whose bytes it covers, not
// only the one at its address: libstdc++'s shared_ptr (GCC 12 on, except
// under TSan) loads its two 32-bit counts with one 64-bit acquire load and,
// when both are 1, frees the block with plain writes; the weak count's
// last decrement, by another thread, must be ordered before them.
WEFT_ALWAYS_INLINE void atomicAcquire(ThreadState *Thr, uintptr_t Addr, uint32_t Size,
                                      uint32_t Order) {
  syncForEachOverlapping(Addr, Size, [&](SyncVar *S) {
    if (S->coveredBy(Thr->tid()))
      return;
    if (isAcquire(Order)) {
      Thr->Clock.join(S->Clock);
      S->setCoveredBy(Thr->tid());
    } else {
      Thr->AcquireFenceClock.join(S->Clock);
    }
  });
}

/// The location's object, created if needed, knowing its width.
SyncVar *atomicLocation(uintptr_t Addr, uint32_t Size) {
  SyncVar *S = syncFor(Addr);
  if (S->AtomicWidth < Size)
    S->AtomicWidth = Size;
  return S;
}

void atomicRelease(ThreadState *Thr, uintptr_t Addr, uint32_t Size, uint32_t Order, bool IsRmw) {
  if (isRelease(Order)) {
    SyncVar *S = atomicLocation(Addr, Size);
    // A store leaves the location's clock equal to the thread's; an RMW's
    // join does only if the thread's covered it before (an acquire RMW
    // just made sure of that).
    bool Covers = !IsRmw || S->coveredBy(Thr->tid());
    if (IsRmw)
      S->Clock.join(Thr->Clock);
    else
      S->Clock.assign(Thr->Clock);
    S->setCoveredBy(Covers ? Thr->tid() : ThreadId::Invalid);
    releaseTick(Thr);
    return;
  }
  if (Thr->HasReleaseFence) {
    SyncVar *S = atomicLocation(Addr, Size);
    if (IsRmw)
      S->Clock.join(Thr->ReleaseFenceClock);
    else
      S->Clock.assign(Thr->ReleaseFenceClock);
    return;
  }
  if (!IsRmw)
    if (SyncVar *S = syncFind(Addr))
      S->Clock.reset();
}

// Every atomic is a full scheduling point, not just a countdown tick: bugs
// between two atomics (a load and a store that should have been one RMW,
// a check-then-act on a flag) need a preemption exactly there.
// A thread inside AnnotateIgnoreSyncBegin/End gets the point but neither
// the check nor the edges (null), as TSan runs such atomics untracked.
WEFT_ALWAYS_INLINE ThreadState *atomicPoint(void *Addr) {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr))
    return nullptr;
  syncPoint(Thr, reinterpret_cast<uintptr_t>(Addr), "atomic");
  return WEFT_UNLIKELY(Thr->IgnoreSync) ? nullptr : Thr;
}

} // namespace

} // namespace weft

using namespace weft;

WEFT_INTERFACE void __weft_atomic_load(void *Addr, uint32_t Size, uint32_t Order) {
  ThreadState *Thr = atomicPoint(Addr);
  if (!Thr)
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  checkAccess(Thr, A, Size, false, true, WEFT_CALLER_PC);
  atomicAcquire(Thr, A, Size, Order);
}

WEFT_INTERFACE void __weft_atomic_store(void *Addr, uint32_t Size, uint32_t Order) {
  ThreadState *Thr = atomicPoint(Addr);
  if (!Thr)
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  checkAccess(Thr, A, Size, true, true, WEFT_CALLER_PC);
  atomicRelease(Thr, A, Size, Order, /*IsRmw=*/false);
}

WEFT_INTERFACE void __weft_atomic_rmw(void *Addr, uint32_t Size, uint32_t Order) {
  ThreadState *Thr = atomicPoint(Addr);
  if (!Thr)
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  checkAccess(Thr, A, Size, true, true, WEFT_CALLER_PC);
  atomicAcquire(Thr, A, Size, Order);
  atomicRelease(Thr, A, Size, Order, /*IsRmw=*/true);
}

WEFT_INTERFACE void __weft_atomic_cmpxchg_point(void *Addr, uint32_t) { atomicPoint(Addr); }

WEFT_INTERFACE void __weft_atomic_cmpxchg(void *Addr, uint32_t Size,
                                          uint32_t Succeeded, uint32_t SuccessOrder,
                                          uint32_t FailureOrder) {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr || Thr->IgnoreSync))
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  checkAccess(Thr, A, Size, Succeeded != 0, true, WEFT_CALLER_PC);
  if (Succeeded) {
    atomicAcquire(Thr, A, Size, SuccessOrder);
    atomicRelease(Thr, A, Size, SuccessOrder, /*IsRmw=*/true);
  } else {
    atomicAcquire(Thr, A, Size, FailureOrder);
  }
}

WEFT_INTERFACE void __weft_atomic_fence(uint32_t Order) {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr))
    return;
  syncPoint(Thr);
  if (WEFT_UNLIKELY(Thr->IgnoreSync))
    return;
  if (isAcquire(Order))
    Thr->Clock.join(Thr->AcquireFenceClock);
  if (isRelease(Order)) {
    Thr->ReleaseFenceClock.assign(Thr->Clock);
    Thr->HasReleaseFence = true;
    releaseTick(Thr);
  }
}
