//===- access.cc - The per-access race check and its C entry points -------===//
//
// The only code that runs on every instrumented load and store. The entry
// points are defined here so that the check inlines into them, except the
// register-preserving ones (__weft_read1..8, __weft_write1..8, function
// entry and exit: preserving_access.cc), whose misses come back through
// accessAfterCountdown, the same way as the inline check's. Order of
// business: leave at once if the thread is not scheduled by weft; count down
// to the next preemption point; look for the access already recorded (the
// common case in loops); only then the full check, out of line.
//
// Happens-before (FastTrack): a previous access (clock slot u, epoch e) is
// ordered before the current thread t iff u is t's slot or e <= t.Clock[u]. Two accesses
// race when they overlap, at least one writes, not both are atomic, and
// neither is ordered before the other.
//
//===----------------------------------------------------------------------===//

#include "base/internal_libc.h"
#include "report/report.h"
#include "shadow/access_history.h"
#include "shadow/read_only_pages.h"
#include "core/rtl.h"
#include "core/racy_sites.h"
#include "interceptors/process_timers.h"

#include "weft/runtime_abi.h"
#include "weft/shadow_layout.h"

namespace weft {

__thread ThreadState *CurThread __attribute__((tls_model("local-exec")));

// The pass's inline access check reads these two fields (weft/shadow_layout.h).
static_assert(offsetof(ThreadState, Green) + offsetof(GreenThread, Countdown) ==
                      WEFT_THREAD_COUNTDOWN_OFFSET &&
                  sizeof(GreenThread::Countdown) == 4,
              "the countdown the inline check decrements");
static_assert(offsetof(ThreadState, SlotBase) == WEFT_THREAD_SLOT_BASE_OFFSET &&
                  sizeof(ThreadState::SlotBase) == 8,
              "the slot base the inline check reads");
// And these, inlined function entry and exit.
static_assert(offsetof(ThreadState, Shadow) + ShadowStack::pcsOffset() ==
                  WEFT_THREAD_STACK_PCS_OFFSET,
              "the call stack's pcs the inline entry stores");
static_assert(offsetof(ThreadState, Shadow) + ShadowStack::depthOffset() ==
                  WEFT_THREAD_STACK_DEPTH_OFFSET,
              "the call stack's depth the inline entry and exit update");
static_assert(offsetof(ThreadState, Shadow) + ShadowStack::lowOffset() ==
                  WEFT_THREAD_STACK_LOW_OFFSET,
              "the call stack's low mark the inline exit compares with");

namespace {

/// Picks the slot the new access goes into, deterministically, when both
/// hold concurrent accesses of other threads.
WEFT_ALWAYS_INLINE unsigned evictionSlot(ThreadState *Thr) {
  return (Thr->CurEpoch + index(Thr->tid())) & (kSlotsPerGranule - 1);
}

/// Ranges up to this many bytes are checked granule by granule.
constexpr size_t kShortRange = 2 * kGranule;

/// A slot's stack context not computed yet: one access, or one whole range
/// (memcpy, a loop checked as a range), computes it at most once.
constexpr StackId kNoContext = ~StackId(0);

/// What the full check does with one granule: the slots that race with the
/// access (bit I for slot I) and the slot the access goes into.
struct Decision {
  int Store;
  unsigned Raced;
};

/// The full check of \p Cur against \p Slots, a granule's slots. Drops the
/// slots the access makes redundant, but neither reports nor stores: the
/// caller does, so that a range can replay one decision on the next granule
/// holding the same slots (RangeMemo).
WEFT_ALWAYS_INLINE Decision decide(ThreadState *Thr, RawSlot *Slots, RawSlot Cur) {
  uint8_t Mask = slotMask(Cur);
  bool IsWrite = slotWrite(Cur);
  bool IsAtomic = slotAtomic(Cur);
  int Empty = -1, Replace = -1, Ordered = -1;
  unsigned Raced = 0;
#pragma GCC unroll 2
  for (unsigned I = 0; I < kSlotsPerGranule; ++I) {
    RawSlot S = Slots[I];
    if (S == 0) {
      if (Empty < 0)
        Empty = int(I);
      continue;
    }
    uint8_t SMask = slotMask(S);
    // The new access supersedes a slot that is ordered before it, covers no
    // byte outside it, and is no stronger (a read never hides a write).
    bool Subsumed = (SMask & ~Mask) == 0 && (IsWrite || !slotWrite(S)) &&
                    slotAtomic(S) == IsAtomic;
    // The same thread's accesses, and other threads' that happened before,
    // never race with this one; the first subsumed one makes room for it,
    // further ones are dropped.
    // The same slot is the same thread, or a thread that ended before this
    // one started (clock_slots.h): ordered either way.
    // A quarantined block's free is ordered before nothing: any access of
    // its bytes is a use after free (shadow.h).
    bool Freed = slotFreed(S);
    bool SameThread = slotSid(S) == Thr->Slot && !Freed;
    if (!SameThread && (SMask & Mask) == 0)
      continue;
    if (!Freed && (SameThread || slotEpoch(S) <= Thr->Clock.get(slotSid(S)))) {
      if (Subsumed) {
        if (Replace < 0)
          Replace = int(I);
        else
          Slots[I] = 0;
      } else if (Ordered < 0) {
        Ordered = int(I);
      }
      continue;
    }
    if (!IsWrite && !slotWrite(S))
      continue;
    if (IsAtomic && slotAtomic(S))
      continue;
    Raced |= 1u << I;
  }
  // With no room, the access evicts one that happened before it rather
  // than a concurrent one: a later access concurrent with the evicted one
  // is concurrent with this one too (else it would be ordered after both),
  // so where either writes the race is still reported, against this one.
  // Lost is only a read racing with an evicted write when this access is a
  // read too. Readers of data written before they started thus keep their
  // own slots instead of evicting each other's on every pass
  // (bench/programs/big_working_set.c).
  int Store = Replace >= 0   ? Replace
              : Empty >= 0   ? Empty
              : Ordered >= 0 ? Ordered
                             : int(evictionSlot(Thr));
  return {Store, Raced};
}

/// Reports the races \p D found and records the access.
WEFT_ALWAYS_INLINE void commit(ThreadState *Thr, Granule *G, uintptr_t GranuleAddr,
                               RawSlot Cur, uintptr_t Pc, StackId &Context,
                               Decision D) {
  for (unsigned R = D.Raced; R; R &= R - 1) {
    unsigned I = unsigned(__builtin_ctz(R));
    RawSlot Prev = G->Slot[I];
    // The free of a block that has left the quarantine since is ordered
    // like any write (shadow.h); checked here, as rare as a report.
    if (WEFT_UNLIKELY(slotFreed(Prev)) && freedMarkLapsed(GranuleAddr) &&
        (slotSid(Prev) == Thr->Slot || slotEpoch(Prev) <= Thr->Clock.get(slotSid(Prev))))
      continue;
    reportDataRace(Thr, GranuleAddr, Cur, Pc, Prev);
  }
  // With locks held, the record names an interned (stack, lock set)
  // context so that a later report can list them (mutex_set.h).
  if (Context == kNoContext)
    Context = mutex_set::contextFor(Thr->Locks, accessStack(Thr, Pc));
  G->Slot[D.Store] = Cur;
  access_history::record(GranuleAddr, 1, Cur, Context);
}

/// Annotated "ignore reads/writes": checked off the fast path, which is
/// equivalent because the fast path neither reports nor stores anything; it
/// only returns when the access is already recorded.
WEFT_ALWAYS_INLINE bool ignored(const ThreadState *Thr, bool IsWrite) {
  return WEFT_UNLIKELY(IsWrite ? Thr->IgnoreWrites : Thr->IgnoreReads);
}

/// Whether the slow check leaves \p Cur alone: its kind is annotated as
/// ignored, or it reads a page mapped read-only, which races with nothing
/// and is not recorded, so that page's shadow stays zero (read_only_pages.h).
WEFT_ALWAYS_INLINE bool unchecked(const ThreadState *Thr, uintptr_t GranuleAddr, RawSlot Cur) {
  if (ignored(Thr, slotWrite(Cur)))
    return true;
  return !slotWrite(Cur) && read_only_pages::contains(GranuleAddr);
}

/// commit() for one access whose context or races need calls: out of the
/// usual path of checkOneSlow, so that it needs no stack frame.
WEFT_NOINLINE void commitOne(ThreadState *Thr, Granule *G, uintptr_t GranuleAddr, RawSlot Cur,
                             uintptr_t Pc, Decision D) {
  StackId Context = kNoContext;
  commit(Thr, G, GranuleAddr, Cur, Pc, Context, D);
}

/// The full check of one access within one granule (no range around it):
/// as checkGranuleSlow, but its usual path (no race, no lock held, the
/// stack context in the trie's cache) calls nothing but the history's
/// record, as a tail call, so it saves and restores no registers. Random
/// reads of a large table are mostly this path (docs/performance.md,
/// "First reads of a large table").
WEFT_NOINLINE void checkOneSlow(ThreadState *Thr, Granule *G, uintptr_t GranuleAddr,
                                RawSlot Cur, uintptr_t Pc) {
  if (unchecked(Thr, GranuleAddr, Cur))
    return;
  Decision D = decide(Thr, G->Slot, Cur);
  StackId Context;
  if (WEFT_UNLIKELY(D.Raced) || Thr->Locks.Id != kNoLocks ||
      !Thr->Shadow.historyIfCached(Pc, &Context))
    return commitOne(Thr, G, GranuleAddr, Cur, Pc, D);
  // commit() with no race, and the context it would compute:
  // contextFor(no locks, Leaf) is Leaf.
  G->Slot[D.Store] = Cur;
  access_history::recordOne(GranuleAddr, Cur, Context);
}

/// The full check of one granule. Takes and returns the stack context, so
/// that the one access's fast path keeps it in a register, not in memory.
WEFT_NOINLINE StackId checkGranuleSlow(ThreadState *Thr, Granule *G,
                                       uintptr_t GranuleAddr, RawSlot Cur,
                                       uintptr_t Pc, StackId Context) {
  if (unchecked(Thr, GranuleAddr, Cur))
    return Context;
  commit(Thr, G, GranuleAddr, Cur, Pc, Context, decide(Thr, G->Slot, Cur));
  return Context;
}

WEFT_NOINLINE StackId checkGranuleInNewRegion(ThreadState *Thr, uintptr_t Addr,
                                              RawSlot Bits, uintptr_t Pc,
                                              StackId Context);
WEFT_NOINLINE void checkOneInNewRegion(ThreadState *Thr, uintptr_t Addr, RawSlot Bits,
                                       uintptr_t Pc);

/// The check of one access within one granule. \p Bits are the slot's
/// access bits (slotAccessBits, and kVptrBit for a vtable pointer): one
/// argument, so that every call out of here is a tail call and the fast path
/// needs no stack frame.
WEFT_ALWAYS_INLINE StackId checkGranule(ThreadState *Thr, uintptr_t Addr, RawSlot Bits,
                                        uintptr_t Pc, StackId Context) {
  char *Region = shadow::Regions[shadow::regionIndex(Addr)];
  if (WEFT_UNLIKELY(!Region))
    return checkGranuleInNewRegion(Thr, Addr, Bits, Pc, Context);
  Granule *G = shadow::granuleIn(Region, Addr);
  RawSlot Cur = Thr->SlotBase | Bits;
  if (alreadyRecorded(G, Cur))
    return Context;
  return checkGranuleSlow(Thr, G, Addr & ~uintptr_t(kGranule - 1), Cur, Pc, Context);
}

StackId checkGranuleInNewRegion(ThreadState *Thr, uintptr_t Addr, RawSlot Bits,
                                uintptr_t Pc, StackId Context) {
  shadow::mapRegion(shadow::regionIndex(Addr));
  return checkGranule(Thr, Addr, Bits, Pc, Context);
}

/// checkGranule() of one access, which needs no stack context back.
WEFT_ALWAYS_INLINE void checkOne(ThreadState *Thr, uintptr_t Addr, RawSlot Bits, uintptr_t Pc) {
  char *Region = shadow::Regions[shadow::regionIndex(Addr)];
  if (WEFT_UNLIKELY(!Region))
    return checkOneInNewRegion(Thr, Addr, Bits, Pc);
  Granule *G = shadow::granuleIn(Region, Addr);
  RawSlot Cur = Thr->SlotBase | Bits;
  if (alreadyRecorded(G, Cur))
    return;
  return checkOneSlow(Thr, G, Addr & ~uintptr_t(kGranule - 1), Cur, Pc);
}

void checkOneInNewRegion(ThreadState *Thr, uintptr_t Addr, RawSlot Bits, uintptr_t Pc) {
  shadow::mapRegion(shadow::regionIndex(Addr));
  checkOne(Thr, Addr, Bits, Pc);
}

WEFT_NOINLINE void checkUnaligned(ThreadState *Thr, uintptr_t Addr, unsigned Size,
                                  bool IsWrite, bool IsAtomic, uintptr_t Pc) {
  checkRange(Thr, Addr, Size, IsWrite, IsAtomic, Pc);
}

/// One access of at most 16 bytes: the granule's check when it lies in one
/// granule (always, for an aligned access), else the range's.
WEFT_ALWAYS_INLINE void checkSmall(ThreadState *Thr, uintptr_t Addr, unsigned Size,
                                   bool IsWrite, bool IsAtomic, uintptr_t Pc) {
  unsigned Off = Addr & (kGranule - 1);
  if (WEFT_LIKELY(Off + Size <= kGranule))
    checkOne(Thr, Addr, slotAccessBits(byteMask(Off, Size), IsWrite, IsAtomic), Pc);
  else
    checkUnaligned(Thr, Addr, Size, IsWrite, IsAtomic, Pc);
}

/// A short range (a small struct, a 16-byte access) goes granule by granule
/// through the access fast path: checkRange's memo would not pay. Inlined
/// into the range entry points, so that they do not pay checkRange's
/// prologue either.
WEFT_ALWAYS_INLINE void checkShortRange(ThreadState *Thr, uintptr_t Addr, size_t Size,
                                        bool IsWrite, bool IsAtomic, uintptr_t Pc) {
  uintptr_t End = Addr + Size;
  StackId Context = kNoContext;
  while (Addr < End) {
    unsigned Off = Addr & (kGranule - 1);
    // Whole granules (the usual case) need no byte mask computed.
    if (Off == 0 && End - Addr >= kGranule) {
      Context = checkGranule(Thr, Addr, slotAccessBits(0xff, IsWrite, IsAtomic), Pc, Context);
      Addr += kGranule;
      continue;
    }
    unsigned N = kGranule - Off < End - Addr ? kGranule - Off : unsigned(End - Addr);
    Context = checkGranule(Thr, Addr, slotAccessBits(byteMask(Off, N), IsWrite, IsAtomic), Pc,
                           Context);
    Addr += N;
  }
}

/// Counts one access down: whether the thread's quantum ran out, so that an
/// Access point is due (with race-directed points the countdown reaches 0
/// at every access and the scheduler counts the quantum: quantumOver).
WEFT_ALWAYS_INLINE bool countDown(ThreadState *Thr) {
  return WEFT_UNLIKELY(--Thr->Green.Countdown == 0) && Rt.Sched.quantumOver(&Thr->Green);
}

/// The countdown ran out: a scheduling point, then the check. Out of line
/// and reached by a tail call, so the fast path saves no registers.
WEFT_NOINLINE void pointThenCheck(ThreadState *Thr, uintptr_t Addr,
                                  unsigned Size, bool IsWrite, uintptr_t Pc) {
  // A lone thread spinning on a flag only a timer's handler sets lets
  // virtual time jump to the timer (process_timers.h).
  if (WEFT_UNLIKELY(process_timers::Armed))
    process_timers::spinProbe(Thr, Addr, Size, IsWrite, Pc);
  accessPoint(Thr);
  checkRange(Thr, Addr, Size, IsWrite, false, Pc);
}

/// One plain access through an entry point: counts down, then checks.
WEFT_ALWAYS_INLINE void onAccess(uintptr_t Addr, unsigned Size, bool IsWrite, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr))
    return;
  if (countDown(Thr))
    return pointThenCheck(Thr, Addr, Size, IsWrite, Pc);
  checkSmall(Thr, Addr, Size, IsWrite, false, Pc);
}

/// A race-directed point: the strategy may switch threads before the
/// access, which is about \p Addr (POS compares objects, never orders
/// them). Then the check, whose countdown the fast path already took.
WEFT_NOINLINE void racyPointThenCheck(ThreadState *Thr, uintptr_t Addr, unsigned Size,
                                      bool IsWrite, uintptr_t Pc) {
  Rt.Sched.point(PointKind::RacyAccess, Addr);
  if (WEFT_UNLIKELY(Thr->PendingSignals))
    deliverPendingSignals(Thr);
  checkRange(Thr, Addr, Size, IsWrite, false, Pc);
}

void resolveThenAccess(ThreadState *Thr, uintptr_t Addr, unsigned Size, bool IsWrite,
                       uintptr_t Pc, uint8_t *Site);

/// One plain access of \p Thr at the site whose flag is \p Site, after a
/// fast path (the pass's inline check, or preserving_access.cc's) counted
/// it down and did not find it recorded in the granule's first slot, or
/// found the countdown run out (at every access when the run has racy
/// sites: Scheduler::setEveryAccessToRuntime) or the region not mapped yet.
/// Every call out of here is a tail call, so it needs no stack frame.
WEFT_ALWAYS_INLINE void accessAtSite(ThreadState *Thr, uintptr_t Addr, unsigned Size,
                                     bool IsWrite, uintptr_t Pc, uint8_t *Site) {
  uint8_t Flag = *Site;
  if (WEFT_UNLIKELY(Flag == WEFT_SITE_UNSEEN))
    return resolveThenAccess(Thr, Addr, Size, IsWrite, Pc, Site);
  // A point the countdown made due at a racy site is one point, not two.
  if (WEFT_UNLIKELY(Thr->Green.Countdown == 0) && Rt.Sched.quantumOver(&Thr->Green))
    return pointThenCheck(Thr, Addr, Size, IsWrite, Pc);
  if (WEFT_UNLIKELY(Flag == WEFT_SITE_POINT))
    return racyPointThenCheck(Thr, Addr, Size, IsWrite, Pc);
  checkSmall(Thr, Addr, Size, IsWrite, false, Pc);
}

/// The first time a run reaches a site: its flag says from now on whether
/// it is a race-directed point (racy_sites.h); then the access, which finds
/// the flag set.
WEFT_NOINLINE void resolveThenAccess(ThreadState *Thr, uintptr_t Addr, unsigned Size,
                                     bool IsWrite, uintptr_t Pc, uint8_t *Site) {
  *Site = racy_sites::resolve(Pc);
  accessAtSite(Thr, Addr, Size, IsWrite, Pc, Site);
}

/// The __weft_*_slow entry points, behind the pass's inline check.
WEFT_ALWAYS_INLINE void onInlineMiss(uintptr_t Addr, unsigned Size, bool IsWrite, uintptr_t Pc,
                                     uint8_t *Site) {
  // The program loads or stores Addr as soon as the check returns, and the
  // check is a few hundred instructions when it stores a slot: more than
  // the processor looks ahead, so without a hint the access's cache miss
  // would only start after the shadow's was served and the check done.
  // Started here, the two misses overlap (random probes of a table far
  // larger than the caches: docs/performance.md, "Read-shared data").
  __builtin_prefetch(reinterpret_cast<const void *>(Addr));
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr))
    return;
  accessAtSite(Thr, Addr, Size, IsWrite, Pc, Site);
}

} // namespace

namespace {

/// The outcome of the last full check of a range's whole granules, for the
/// next granules that hold the very same slots: one earlier copy or loop
/// usually wrote the whole range, so its granules hold the same slots, and
/// the check's outcome depends on the slots alone. Also
/// remembers a granule found already recorded, whose equals need nothing.
/// A check that found a race is not remembered, so every racing granule is
/// checked (and reported) in full.
struct RangeMemo {
  enum Kind { None, Recorded, Decided } What = None;
  // Left uninitialized (a range is often a few granules, and this is per
  // range): read only once What says they were written.
  RawSlot Before[kSlotsPerGranule], After[kSlotsPerGranule];
};

/// A granule's two slots as one 16-byte value (granules are 16 bytes in a
/// mapped region, so they are 16-byte aligned): compared and stored at once.
typedef RawSlot SlotPair __attribute__((vector_size(16), may_alias));
static_assert(sizeof(Granule) == sizeof(SlotPair) && kSlotsPerGranule == 2,
              "a granule is one slot pair");

WEFT_ALWAYS_INLINE bool sameSlots(const Granule *G, SlotPair B) {
  SlotPair D = *reinterpret_cast<const SlotPair *>(G->Slot) ^ B;
  return (D[0] | D[1]) == 0;
}

/// How many granules a replay takes per step: the four compares fold into
/// one branch, where one granule a step spends a branch and two moves out
/// of the vector registers per 8 bytes of the copy.
constexpr size_t kReplayStep = 4;

/// Whether the \p kReplayStep granules from \p G all hold \p B.
WEFT_ALWAYS_INLINE bool sameSlotsStep(const Granule *G, SlotPair B) {
  const SlotPair *P = reinterpret_cast<const SlotPair *>(G->Slot);
  SlotPair D = (P[0] ^ B) | (P[1] ^ B) | (P[2] ^ B) | (P[3] ^ B);
  return (D[0] | D[1]) == 0;
}

/// Replays \p M on the granules from \p G on that hold its slots; returns
/// the first one that does not (or \p End). The loops a long copy spends
/// its time in: the memo lives in registers. A replayed store is recorded
/// once for the whole run (access_history.h), from \p RunAddr, the address
/// of \p G's granule.
WEFT_ALWAYS_INLINE Granule *replayRun(Granule *G, Granule *End, const RangeMemo &M,
                                      RawSlot Cur, uintptr_t RunAddr, StackId Context) {
  const SlotPair B = {M.Before[0], M.Before[1]};
  if (M.What == RangeMemo::Recorded) {
    while (size_t(End - G) >= kReplayStep && sameSlotsStep(G, B))
      G += kReplayStep;
    while (G < End && sameSlots(G, B))
      ++G;
    return G;
  }
  const SlotPair A = {M.After[0], M.After[1]};
  Granule *First = G;
  for (; size_t(End - G) >= kReplayStep && sameSlotsStep(G, B); G += kReplayStep)
    for (size_t I = 0; I < kReplayStep; ++I)
      reinterpret_cast<SlotPair *>(G[I].Slot)[0] = A;
  for (; G < End && sameSlots(G, B); ++G)
    *reinterpret_cast<SlotPair *>(G->Slot) = A;
  access_history::record(RunAddr, size_t(G - First), Cur, Context);
  return G;
}

} // namespace

// Ranges (memcpy, loops checked as one range) cover many whole granules:
// those share one slot value, one region look-up per 32 MiB region and one
// stack context, and only the partial granules at the ends go one by one.
// GCC cannot see that the memo's slots are written before they are read.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
void checkRange(ThreadState *Thr, uintptr_t Addr, size_t Size, bool IsWrite,
                bool IsAtomic, uintptr_t Pc) {
  // A copy out of a file mapped read-only touches none of its shadow
  // (read_only_pages.h); a range only partly in such pages is checked
  // whole, as any other.
  if (!IsWrite && read_only_pages::covers(Addr, Size))
    return;
  if (Size <= kShortRange)
    return checkShortRange(Thr, Addr, Size, IsWrite, IsAtomic, Pc);
  uintptr_t End = Addr + Size;
  StackId Context = kNoContext;
  if (unsigned Off = Addr & (kGranule - 1)) {
    unsigned N = kGranule - Off; // < Size: the range is longer than a granule
    Context = checkGranule(Thr, Addr, slotAccessBits(byteMask(Off, N), IsWrite, IsAtomic), Pc,
                           Context);
    Addr += N;
  }
  if (ignored(Thr, IsWrite))
    return;
  RawSlot Whole = Thr->SlotBase | slotAccessBits(0xff, IsWrite, IsAtomic);
  RangeMemo Memo;
  while (End - Addr >= kGranule) {
    char *Region = shadow::Regions[shadow::regionIndex(Addr)];
    if (WEFT_UNLIKELY(!Region)) {
      shadow::mapRegion(shadow::regionIndex(Addr));
      continue;
    }
    uintptr_t RegionEnd = (Addr | ((uintptr_t(1) << shadow::kRegionShift) - 1)) + 1;
    uintptr_t Stop = (RegionEnd < End ? RegionEnd : End) & ~uintptr_t(kGranule - 1);
    Granule *First = shadow::granuleIn(Region, Addr);
    Granule *Last = First + (Stop - Addr) / kGranule;
    for (Granule *G = First; G < Last; ++G) {
      if (Memo.What != RangeMemo::None &&
          (G = replayRun(G, Last, Memo, Whole, Addr + uintptr_t(G - First) * kGranule,
                         Context)) == Last)
        break;
      for (unsigned I = 0; I < kSlotsPerGranule; ++I)
        Memo.Before[I] = G->Slot[I];
      if (alreadyRecorded(G, Whole)) {
        Memo.What = RangeMemo::Recorded;
        continue;
      }
      Decision D = decide(Thr, G->Slot, Whole);
      commit(Thr, G, Addr + uintptr_t(G - First) * kGranule, Whole, Pc, Context, D);
      for (unsigned I = 0; I < kSlotsPerGranule; ++I)
        Memo.After[I] = G->Slot[I];
      Memo.What = D.Raced ? RangeMemo::None : RangeMemo::Decided;
    }
    Addr = Stop;
  }
  if (Addr < End)
    checkGranule(Thr, Addr, slotAccessBits(byteMask(0, unsigned(End - Addr)), IsWrite, IsAtomic),
                 Pc, Context);
}
#pragma GCC diagnostic pop

void checkAccess(ThreadState *Thr, uintptr_t Addr, unsigned Size, bool IsWrite,
                 bool IsAtomic, uintptr_t Pc) {
  checkSmall(Thr, Addr, Size, IsWrite, IsAtomic, Pc);
}

void accessAfterCountdown(uintptr_t Addr, unsigned Size, bool IsWrite, uintptr_t Pc,
                          uint8_t *Site) {
  __builtin_prefetch(reinterpret_cast<const void *>(Addr)); // as onInlineMiss
  accessAtSite(CurThread, Addr, Size, IsWrite, Pc, Site);
}

} // namespace weft

using namespace weft;

// The plain entry points (__weft_read8, ...) are in preserving_access.cc.
#define WEFT_DEFINE_ACCESS(N)                                                  \
  WEFT_INTERFACE void __weft_read##N##_slow(void *Addr, void *Site) {          \
    onInlineMiss(reinterpret_cast<uintptr_t>(Addr), N, false, WEFT_CALLER_PC,   \
                 static_cast<uint8_t *>(Site));                                \
  }                                                                            \
  WEFT_INTERFACE void __weft_write##N##_slow(void *Addr, void *Site) {         \
    onInlineMiss(reinterpret_cast<uintptr_t>(Addr), N, true, WEFT_CALLER_PC,    \
                 static_cast<uint8_t *>(Site));                                \
  }
WEFT_DEFINE_ACCESS(1)
WEFT_DEFINE_ACCESS(2)
WEFT_DEFINE_ACCESS(4)
WEFT_DEFINE_ACCESS(8)
#undef WEFT_DEFINE_ACCESS

WEFT_INTERFACE void __weft_site_point(void *Addr) {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr))
    return;
  Rt.Sched.point(PointKind::RacyAccess, reinterpret_cast<uintptr_t>(Addr));
  if (WEFT_UNLIKELY(Thr->PendingSignals))
    deliverPendingSignals(Thr);
}

/// A range access the pass inserted: a scheduling point, then the check.
static WEFT_ALWAYS_INLINE void onRangeAccess(const void *Addr, uint64_t Size, bool IsWrite,
                                             uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr) || Size == 0)
    return;
  // The work a preemption countdown charges (Scheduler::pointUnits): one
  // access of the countdown's, and the range's 64-byte lines here
  // (saturating: a point resets them).
  uint64_t Lines = Thr->Green.RangeLines + (Size >> 6);
  Thr->Green.RangeLines = Lines > UINT16_MAX ? UINT16_MAX : uint16_t(Lines);
  if (countDown(Thr))
    accessPoint(Thr);
  if (Size <= kShortRange)
    checkShortRange(Thr, reinterpret_cast<uintptr_t>(Addr), Size, IsWrite, false, Pc);
  else
    checkRange(Thr, reinterpret_cast<uintptr_t>(Addr), Size, IsWrite, false, Pc);
}

// 16-byte accesses always span two granules (or straddle three).
WEFT_INTERFACE void __weft_read16(void *Addr) { onRangeAccess(Addr, 16, false, WEFT_CALLER_PC); }
WEFT_INTERFACE void __weft_write16(void *Addr) { onRangeAccess(Addr, 16, true, WEFT_CALLER_PC); }

WEFT_INTERFACE void __weft_read_range(void *Addr, uint64_t Size) {
  onRangeAccess(Addr, Size, false, WEFT_CALLER_PC);
}
WEFT_INTERFACE void __weft_write_range(void *Addr, uint64_t Size) {
  onRangeAccess(Addr, Size, true, WEFT_CALLER_PC);
}

// The sanitizer interface's unaligned accesses (<sanitizer/common_interface_defs.h>):
// code written for TSan or ASan reads and writes through possibly
// misaligned pointers with these. Each is one plain access of the program,
// checked where it is made, then the access itself.
#define WEFT_DEFINE_UNALIGNED(Bits)                                            \
  WEFT_INTERFACE uint##Bits##_t __sanitizer_unaligned_load##Bits(const void *Addr) { \
    onAccess(reinterpret_cast<uintptr_t>(Addr), Bits / 8, false, WEFT_CALLER_PC); \
    uint##Bits##_t V;                                                          \
    __builtin_memcpy(&V, Addr, sizeof V);                                      \
    return V;                                                                  \
  }                                                                            \
  WEFT_INTERFACE void __sanitizer_unaligned_store##Bits(void *Addr, uint##Bits##_t V) { \
    onAccess(reinterpret_cast<uintptr_t>(Addr), Bits / 8, true, WEFT_CALLER_PC); \
    __builtin_memcpy(Addr, &V, sizeof V);                                      \
  }
WEFT_DEFINE_UNALIGNED(16)
WEFT_DEFINE_UNALIGNED(32)
WEFT_DEFINE_UNALIGNED(64)
#undef WEFT_DEFINE_UNALIGNED

// A memory intrinsic that the backend would lower to a call of libc's
// function (its length is not a small constant) comes here instead: the
// same two range accesses as __weft_read_range/__weft_write_range, then the
// operation through glibc directly. Left as an intrinsic, it would reach
// weft's memcpy interceptor and have its bytes checked a second time.
WEFT_INTERFACE void __weft_memcpy(void *Dst, void *Src, uint64_t Size) {
  onRangeAccess(Src, Size, false, WEFT_CALLER_PC);
  onRangeAccess(Dst, Size, true, WEFT_CALLER_PC);
  internalMemcpy(Dst, Src, Size);
}
WEFT_INTERFACE void __weft_memmove(void *Dst, void *Src, uint64_t Size) {
  onRangeAccess(Src, Size, false, WEFT_CALLER_PC);
  onRangeAccess(Dst, Size, true, WEFT_CALLER_PC);
  internalMemmove(Dst, Src, Size);
}
WEFT_INTERFACE void __weft_memset(void *Dst, uint32_t Byte, uint64_t Size) {
  onRangeAccess(Dst, Size, true, WEFT_CALLER_PC);
  internalMemset(Dst, int(Byte & 0xff), Size);
}

// __weft_func_entry and __weft_func_exit are in preserving_access.cc.

// Vtable pointers ------------------------------------------------------------

/// A vptr access is an 8-byte plain access whose slot carries kVptrBit, so
/// that a race involving one is reported as a virtual call racing with a
/// constructor or destructor.
static void onVptrAccess(void *Addr, bool IsWrite, uintptr_t Pc) {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr))
    return;
  if (countDown(Thr))
    accessPoint(Thr);
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  if (WEFT_UNLIKELY(A & (kGranule - 1))) {
    checkRange(Thr, A, sizeof(void *), IsWrite, false, Pc);
    return;
  }
  checkOne(Thr, A, slotAccessBits(byteMask(0, sizeof(void *)), IsWrite, false) | kVptrBit, Pc);
}

WEFT_INTERFACE void __weft_vptr_update(void *Addr, void *NewValue) {
  // Base-class constructors and destructors store the value already there
  // when a class has no virtual functions of its own: not a write (as TSan).
  if (*static_cast<void *volatile *>(Addr) == NewValue)
    return;
  onVptrAccess(Addr, true, WEFT_CALLER_PC);
}

WEFT_INTERFACE void __weft_vptr_read(void *Addr) {
  onVptrAccess(Addr, false, WEFT_CALLER_PC);
}
