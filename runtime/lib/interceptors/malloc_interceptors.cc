//===- malloc_interceptors.cc - Heap blocks: shadow reset and locations ---===//
//
// weft does not replace glibc's allocator; it watches it. Every block a
// scheduled thread allocates is recorded (size, allocating thread and stack)
// so a report can say "heap block of size N allocated by ...", and its shadow
// is reset both when it is handed out and when it is freed, so that memory
// reused by a later allocation never looks like a race with its previous
// life. Allocation is never a scheduling point: glibc may call malloc with
// its own internal locks held.
//
//===----------------------------------------------------------------------===//

#include "interceptors/heap_blocks.h"
#include "interceptors/interceptor.h"
#include "interceptors/quarantine.h"
#include "report/report.h"
#include "shadow/access_history.h"
#include "shadow/kept_shadow.h"
#include "core/rtl.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <new>

extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void *__libc_memalign(size_t, size_t);
void __libc_free(void *);
}

using namespace weft;

namespace weft {
namespace {

// Every live block a scheduled thread allocated, by start, and the last
// 4,096 marked blocks freed (heap_blocks.h): a report's location line, and
// the stack of a quarantined block's free.
LiveBlockTable Blocks;
FreedBlockRing FreedBlocks;

/// Blocks up to this size keep their free() recorded as the last write of
/// every byte, so a later unordered access is reported (heap-use-after-free),
/// and get their allocation recorded as the first write of every byte.
/// glibc serves them from its heap, never from a private mapping that could
/// come back as unrelated memory; larger blocks only get the shadow reset
/// (touching the shadow of a huge block would cost six times its size).
constexpr size_t kMarkFreedMax = 64 * 1024;

/// Blocks up to this size whose allocation wrote them keep that write's
/// stack context in the live table instead of the access history
/// (heap_blocks.h); a report finds a granule's block by walking back from
/// it, a probe per 16 bytes, so this bounds the walk.
constexpr size_t kNamedByBlockMax = 4096;

/// Larger blocks have their shadow zeroed by the free's check pass up to
/// this size; above it, by a reset after the pass (shadow::reset), which
/// hands the pages of a huge block back instead of keeping them resident.
constexpr size_t kZeroInPassMax = 512 * 1024;

WEFT_ALWAYS_INLINE bool tracking() { return Rt.Initialized && CurThread; }

// The pseudo frame standing for an allocator function in a stack: its
// address plus one, as a return address into it would be.
template <typename Fn> uintptr_t pseudoPc(Fn *F) { return reinterpret_cast<uintptr_t>(F) + 1; }
uintptr_t newPc() { return pseudoPc(static_cast<void *(*)(size_t)>(&::operator new)); }
uintptr_t freePc() { return pseudoPc(&free); }
uintptr_t deletePc() { return pseudoPc(static_cast<void (*)(void *) noexcept>(&::operator delete)); }

/// The stacks of an allocator call, remembered per call site: the caller's
/// stack (a trie node), the caller's pc and the allocator's pseudo frame
/// give the same trie nodes every time, and a program allocates from a few
/// sites in a loop; the tries' own cache, shared by every stack and far
/// larger, misses there on most calls. Direct-mapped, global: one program
/// thread runs at a time, and an entry is a pure function of its key
/// (within a history generation, which is part of it: a new one reuses
/// node ids; the kept trie is never emptied).
struct SiteMemo {
  StackId Node;
  uint32_t Generation; // of the history; 0 in the kept memo
  uintptr_t Pc, FnPc;
  StackId Result;
};
constexpr unsigned kSiteMemoBits = 6;
SiteMemo HistoryMemo[1u << kSiteMemoBits], KeptMemo[1u << kSiteMemoBits];

SiteMemo &siteMemo(SiteMemo *Table, StackId Node, uintptr_t Pc, uintptr_t FnPc) {
  uint64_t H = (Pc ^ (FnPc << 7) ^ (uint64_t(Node) << 32)) * 0x9e3779b97f4a7c15ULL;
  return Table[H >> (64 - kSiteMemoBits)];
}

/// Thr->Shadow.historyWithFrame(Pc, FnPc), remembered.
WEFT_ALWAYS_INLINE StackId historyAtSite(ThreadState *Thr, uintptr_t Pc, uintptr_t FnPc) {
  StackId Node;
  if (!Thr->Shadow.exactNode(/*InKept=*/false, &Node))
    return Thr->Shadow.historyWithFrame(Pc, FnPc);
  uint32_t Gen = stack_trie::historyGeneration();
  SiteMemo &M = siteMemo(HistoryMemo, Node, Pc, FnPc);
  if (M.Result && M.Node == Node && M.Generation == Gen && M.Pc == Pc && M.FnPc == FnPc)
    return M.Result;
  StackId R = Thr->Shadow.historyWithFrame(Pc, FnPc);
  // Not if that began a generation: Node is gone with the old one.
  if (stack_trie::historyGeneration() == Gen)
    M = SiteMemo{Node, Gen, Pc, FnPc, R};
  return R;
}

/// stack_trie::child(currentStack(Thr), Pc), remembered.
WEFT_ALWAYS_INLINE StackId keptAtSite(ThreadState *Thr, uintptr_t Pc) {
  StackId Node;
  if (!Thr->Shadow.exactNode(/*InKept=*/true, &Node))
    return stack_trie::child(currentStack(Thr), Pc);
  SiteMemo &M = siteMemo(KeptMemo, Node, Pc, 0);
  if (M.Result && M.Node == Node && M.Pc == Pc)
    return M.Result;
  StackId R = stack_trie::child(Node, Pc);
  M = SiteMemo{Node, 0, Pc, 0, R};
  return R;
}

/// Calls \p Visit(granule, its address, the thread's write of the block's
/// bytes in it) for every granule of the block [Addr, Addr+Size).
template <typename Visitor>
WEFT_ALWAYS_INLINE void forEachBlockGranule(ThreadState *Thr, uintptr_t Addr, size_t Size,
                                            Visitor Visit) {
  RawSlot Whole = Thr->SlotBase | slotAccessBits(0xff, true, false);
  uintptr_t End = Addr + Size;
  for (uintptr_t A = Addr; A < End;) {
    // Granules of one shadow region are contiguous.
    uintptr_t RegionEnd = ((A >> shadow::kRegionShift) + 1) << shadow::kRegionShift;
    uintptr_t ChunkEnd = End < RegionEnd ? End : RegionEnd;
    Granule *G = shadow::granuleFor(A);
    while (A < ChunkEnd) {
      unsigned Off = A & (kGranule - 1);
      if (Off == 0 && ChunkEnd - A >= kGranule) {
        // The body of the block: whole granules, one slot value.
        uintptr_t Full = (ChunkEnd - A) / kGranule;
        for (uintptr_t I = 0; I < Full; ++I)
          Visit(G + I, A + I * kGranule, Whole);
        G += Full;
        A += Full * kGranule;
        continue;
      }
      // A partial first or last granule.
      unsigned N = kGranule - Off;
      if (N > ChunkEnd - A)
        N = static_cast<unsigned>(ChunkEnd - A);
      Visit(G, A - Off, Thr->SlotBase | slotAccessBits(byteMask(Off, N), true, false));
      ++G;
      A += N;
    }
  }
}

/// Consecutive granules left with the same write: one access-history record
/// for a block (three at most, with partial granules at its ends), not one
/// per granule; none with \p Recorded false (a quarantined block's free,
/// which FreedBlocks names). Appended without the search for a record to
/// continue: a block just handed out or freed seldom continues one.
struct WriteRun {
  uintptr_t Begin = 0;
  size_t N = 0;
  RawSlot Slot = 0;
  uint32_t Context;
  bool Recorded;
  WriteRun(uint32_t Context, bool Recorded = true) : Context(Context), Recorded(Recorded) {}
  ~WriteRun() { flush(); }
  WEFT_ALWAYS_INLINE void add(uintptr_t GranuleAddr, RawSlot Cur) {
    if (!Recorded)
      return;
    if (N && GranuleAddr == Begin + N * kGranule && Cur == Slot) {
      ++N;
      return;
    }
    flush();
    Begin = GranuleAddr;
    N = 1;
    Slot = Cur;
  }
  void flush() {
    if (N)
      access_history::append(Begin, N, Slot, Context);
    N = 0;
  }
};

/// Leaves the write \p Cur, with the stack and lock-set context of \p Run,
/// as the only access recorded in \p G (whose sync objects the caller
/// dropped: they are gone with the memory they lived in).
WEFT_ALWAYS_INLINE void leaveOnlyWrite(Granule *G, uintptr_t GranuleAddr, RawSlot Cur,
                                       WriteRun &Run) {
  *G = Granule{{Cur, 0}};
  Run.add(GranuleAddr, Cur);
}

/// A new block at \p P. Its previous life is forgotten, and (as TSan does)
/// the allocation counts as the allocating thread's write of every byte:
/// that thread's own first accesses of it are then already recorded (the
/// access check's fast path), and another thread's access not ordered after
/// the allocation is a race with it. \p AllocPc is the allocator's pseudo
/// frame, shown on top of that write's stack.
void onAlloc(void *P, size_t Size, uintptr_t Pc, uintptr_t AllocPc) {
  if (!P || !tracking())
    return;
  ThreadState *Thr = CurThread;
  // glibc's allocator takes locks the interrupted code may hold.
  if (WEFT_UNLIKELY(Thr->InAsyncSignalHandler))
    reportSignalUnsafeCall(Thr, Pc, AllocPc);
  LiveBlock B{Size, keptAtSite(Thr, Pc), Thr->tid(), 0, Epoch(0), Sid::Invalid};
  if (Size <= kMarkFreedMax && Thr->IgnoreWrites == 0) {
    uint32_t Context = mutex_set::contextFor(Thr->Locks, historyAtSite(Thr, Pc, AllocPc));
    // The sync objects that lived in the memory's previous life are gone.
    dropSyncsInRange(uintptr_t(P), Size);
    if (Size <= kNamedByBlockMax) {
      // The write's stack context stays with the block (heap_blocks.h),
      // not in the access history.
      B.AllocContext = Context;
      B.AllocEpoch = slotEpoch(Thr->SlotBase);
      B.AllocSid = slotSid(Thr->SlotBase);
      forEachBlockGranule(Thr, uintptr_t(P), Size,
                          [&](Granule *G, uintptr_t, RawSlot Cur) { *G = Granule{{Cur, 0}}; });
    } else {
      WriteRun Run(Context);
      forEachBlockGranule(Thr, uintptr_t(P), Size,
                          [&](Granule *G, uintptr_t GranuleAddr, RawSlot Cur) {
                            leaveOnlyWrite(G, GranuleAddr, Cur, Run);
                          });
    }
  } else {
    resetRange(uintptr_t(P), Size);
  }
  Blocks.insert(uintptr_t(P), B);
}

/// The last granule of a free that checkFreeWrite found no race on: the
/// outcome is a function of the two slots and the free's slot value (the
/// freeing thread's clock does not move during a free), and a large
/// block's granules mostly hold the same slots as the one before (one
/// loop filled it, one scan read each part of it), so an equal granule
/// needs no test. A granule that raced is never remembered: each is
/// tested, and reported, in full.
struct FreeMemo {
  RawSlot S0 = 0, S1 = 0, Cur = 0; // Cur is never 0: no granule matches at first
};

/// The race check of the free's write of \p Cur on granule \p G, exactly as
/// the access check (access.cc) makes it for a plain write, minus storing
/// the slot: the caller overwrites the granule next. A write races with
/// every overlapping access of another thread that is not ordered before it.
WEFT_ALWAYS_INLINE void checkFreeWrite(ThreadState *Thr, Granule *G,
                                       uintptr_t GranuleAddr, RawSlot Cur,
                                       uintptr_t FreePc, FreeMemo &Memo) {
  static_assert(kSlotsPerGranule == 2, "the slots are read one by one");
  // The access check's fast path: this write is already recorded for the
  // current epoch, so it was checked then. Slot 0 first: a block written
  // since its allocation by the thread that frees it has it there.
  RawSlot S0 = G->Slot[0];
  if (S0 == Cur)
    return;
  RawSlot S1 = G->Slot[1];
  if (S1 == Cur)
    return;
  // The same slots as the last granule found race-free (big_working_set's
  // 256 MiB table: 55 instructions a granule without it; docs/
  // performance.md, "First reads of a large table").
  if (((S0 ^ Memo.S0) | (S1 ^ Memo.S1) | (Cur ^ Memo.Cur)) == 0)
    return;
  // Without branches on the slots' contents: the free of a table that
  // several threads read holds their slots in no pattern a predictor
  // learns, and a branch per test mispredicted about once a granule
  // (docs/performance.md, "Read-shared data"). An empty slot has
  // no byte in its mask.
  uint8_t Mask = slotMask(Cur);
  Sid Self = Thr->Slot;
  auto Racy = [&](RawSlot S) {
    Sid T = slotSid(S);
    return ((slotMask(S) & Mask) != 0) & (T != Self) &
           (slotEpoch(S) > Thr->Clock.get(T));
  };
  bool R0 = Racy(S0), R1 = Racy(S1);
  if (WEFT_UNLIKELY(R0 | R1)) {
    if (R0)
      reportDataRace(Thr, GranuleAddr, Cur, FreePc, S0);
    if (R1)
      reportDataRace(Thr, GranuleAddr, Cur, FreePc, S1);
    return;
  }
  Memo = FreeMemo{S0, S1, Cur};
}

/// Did glibc serve the block at \p P with a mapping of its own, which it
/// unmaps on free? (Blocks always come from glibc: __libc_malloc and
/// friends, below.) Its chunk header (the size word before the block, the
/// word malloc_usable_size reads) says so in bit 1, IS_MMAPPED. weft does
/// not see glibc's own munmap, so the free releases the shadow instead of
/// keeping it resident for a next owner that will not come.
bool glibcMapped(uintptr_t P) { return reinterpret_cast<const size_t *>(P)[-1] & 2; }

/// The shadow side of freeing [Addr, Addr+Size): a write of every byte by
/// the freeing thread (at \p FreePc, on the current stack), then a reset;
/// with \p Mark the free is left behind as the only access of each byte,
/// its slots naming \p MarkContext (the free's stack and lock set, computed
/// once for the block by the caller), and with \p Held too it is marked as
/// a quarantined block's free (kFreedBits: every later access races with
/// it). One pass over the shadow: the check, the reset and the mark of a
/// granule happen together. Equivalent to checking the whole range,
/// resetting it and checking it again (the free reports only through its
/// own granule, never reads another one).
void freeShadow(ThreadState *Thr, uintptr_t Addr, size_t Size, uintptr_t FreePc, bool Mark,
                bool Held, uint32_t MarkContext) {
  // Ignored writes (annotations) are neither checked nor recorded.
  bool Check = Thr->IgnoreWrites == 0;
  Mark = Mark && Check;
  RawSlot MarkBits = Held ? kFreedBits : 0;
  // An unmarked block's shadow is reset: up to kZeroInPassMax by the
  // check's pass, granule by granule behind the check, so the shadow is
  // walked once, not twice. Only granules that hold something are written:
  // shadow pages the block never touched stay untouched (not resident).
  bool Mapped = !Mark && glibcMapped(Addr);
  bool ZeroInPass = !Mark && Check && Size <= kZeroInPassMax && !Mapped;
  if (Mark || ZeroInPass)
    dropSyncsInRange(Addr, Size); // they die with the memory
  // The free of one granule: check, then leave the free as its only access
  // (Mark) or forget it.
  if (Check) {
    // A held block's marks (kFreedBits) are named by FreedBlocks instead.
    WriteRun Run(MarkContext, /*Recorded=*/!Held);
    FreeMemo Memo;
    forEachBlockGranule(Thr, Addr, Size, [&](Granule *G, uintptr_t GranuleAddr, RawSlot Cur)
                                             __attribute__((always_inline)) {
      checkFreeWrite(Thr, G, GranuleAddr, Cur, FreePc, Memo);
      if (Mark)
        leaveOnlyWrite(G, GranuleAddr, Cur | MarkBits, Run);
      else if (ZeroInPass && (G->Slot[0] | G->Slot[1]))
        *G = Granule{};
    });
  }
  if (Mapped)
    releaseRange(Addr, Size);
  else if (!Mark && !ZeroInPass)
    resetRange(Addr, Size);
  // Zeroed and kept resident for the memory's next owner, within a budget.
  if (!Mark && !Mapped && Size > kMarkFreedMax)
    kept_shadow::noteFreed(Addr, Size);
}

/// A block leaves the quarantine: glibc gets the memory back. Its shadow
/// keeps the free's marks, which lapse (freedMarkLapsed): touching the
/// shadow of every block again as it leaves cost a cache miss per granule
/// (alloc_heavy ran 4x slower), and the next allocation there resets it.
void releaseHeld(void *P, size_t) { __libc_free(P); }

/// The block whose free is being checked: out of the table already, still
/// described as live by a report.
struct PendingBlock {
  uintptr_t Start;
  LiveBlock Block;
};
PendingBlock PendingFree;

/// A free of \p P, which is not a live block: is it a block the quarantine
/// holds (a double free, ignored: glibc would abort)? A held block's first
/// granule is never empty (it holds the free's mark, or an access made
/// after it), so the scan of the held blocks is skipped when it is: most
/// pointers weft never saw allocated.
bool isDoubleFree(uintptr_t P) {
  // (A region without shadow holds no mark; it is not reserved for this.)
  char *Region = shadow::Regions[shadow::regionIndex(P)];
  if (!Region)
    return false;
  const Granule *G = shadow::granuleIn(Region, P);
  if (G->Slot[0] == 0 && G->Slot[1] == 0)
    return false;
  return quarantine::holds(P);
}

/// Forgets the block at \p P. A real release (free, delete: \p FreePc is
/// the pseudo frame standing for it) is a write of the whole block by the
/// freeing thread, so an access that races with it is reported; realloc
/// (\p FreePc = 0) only resets, since its bytes live on. Returns true if
/// the block went into the quarantine (or is there already: a double free),
/// so the caller must not give it to glibc.
bool onFree(void *P, uintptr_t CallerPc, uintptr_t FreePc) {
  if (!P || !tracking())
    return false;
  if (WEFT_UNLIKELY(CurThread->InAsyncSignalHandler) && FreePc)
    reportSignalUnsafeCall(CurThread, CallerPc, FreePc);
  LiveBlock B;
  if (!Blocks.take(uintptr_t(P), &B))
    return isDoubleFree(uintptr_t(P));
  if (!FreePc || B.Size == 0) {
    resetRange(uintptr_t(P), B.Size);
    return false;
  }
  ThreadState *Thr = CurThread;
  bool Mark = B.Size <= kMarkFreedMax;
  // Held back only when its free is marked: the mark is what reports a use.
  bool Held = Mark && Thr->IgnoreWrites == 0 && quarantine::accepts(B.Size);
  // The mark's stack (the caller's frame, then the free) is looked up
  // before that frame is pushed: a lookup at the pushed depth would leave
  // the thread's history one frame deeper than its stack after the pop, and
  // its next access would have to walk back up.
  uint32_t MarkContext = 0;
  if (Mark && Thr->IgnoreWrites == 0)
    MarkContext = mutex_set::contextFor(Thr->Locks, historyAtSite(Thr, CallerPc, FreePc));
  // The frame is there for the check: a report shows the free's caller.
  Thr->Shadow.push(CallerPc);
  // Checked while the block is still described as live, so a report can
  // say what it was.
  PendingFree = {uintptr_t(P), B};
  freeShadow(Thr, uintptr_t(P), B.Size, FreePc, Mark, Held, MarkContext);
  PendingFree = {};
  // A marked block's description stays for the reports of uses after the
  // free, and names the free's stack for the marks of a held one.
  if (Mark)
    FreedBlocks.add(uintptr_t(P), B, Thr->tid(), MarkContext, Thr->SlotBase);
  Thr->Shadow.pop();
  if (Held)
    quarantine::hold(P, B.Size, releaseHeld);
  return Held;
}

/// The size of the live block at \p P, or 0.
size_t liveSize(void *P) {
  if (!P || !tracking())
    return 0;
  LiveBlock B;
  return Blocks.find(uintptr_t(P), &B) ? B.Size : 0;
}

/// realloc moved a block of \p OldSize from \p Old (its shadow was reset
/// by onFree): the old memory is free now, its zeroed shadow kept within
/// the budget. Grown in place, the memory is the new block's.
void reallocMoved(void *Old, size_t OldSize, void *New) {
  if (New && New != Old && OldSize > kMarkFreedMax)
    kept_shadow::noteFreed(uintptr_t(Old), OldSize);
}

void *allocAligned(size_t Align, size_t Size, uintptr_t Pc, uintptr_t AllocPc) {
  void *P = __libc_memalign(Align, Size);
  onAlloc(P, Size, Pc, AllocPc);
  return P;
}

void *newOrDie(size_t Size, uintptr_t Pc) {
  void *P = __libc_malloc(Size ? Size : 1);
  if (!P) {
    rawPrint("weft: operator new: out of memory\n");
    __builtin_trap();
  }
  onAlloc(P, Size, Pc, newPc());
  return P;
}

void *newAlignedOrDie(size_t Size, size_t Align, uintptr_t Pc) {
  void *P = __libc_memalign(Align, Size ? Size : 1);
  if (!P) {
    rawPrint("weft: operator new: out of memory\n");
    __builtin_trap();
  }
  onAlloc(P, Size, Pc, newPc());
  return P;
}

} // namespace

bool isFreePc(uintptr_t Pc) { return Pc == freePc() || Pc == deletePc(); }

bool isAllocatorPc(uintptr_t Pc) {
  return isFreePc(Pc) || Pc == newPc() || Pc == pseudoPc(&malloc) || Pc == pseudoPc(&calloc) ||
         Pc == pseudoPc(&realloc) || Pc == pseudoPc(&reallocarray) ||
         Pc == pseudoPc(&posix_memalign) || Pc == pseudoPc(&aligned_alloc) ||
         Pc == pseudoPc(&memalign) || Pc == pseudoPc(&valloc) || Pc == pseudoPc(&pvalloc);
}

bool freedMarkLapsed(uintptr_t Addr) { return !quarantine::holds(Addr); }

uintptr_t findHeapBlock(uintptr_t Addr, HeapBlock *Out) {
  // Report time only. Live blocks never overlap, so at most one matches and
  // the table's order cannot change the answer; a live block wins over
  // freed ones, and among freed blocks the most recently freed one.
  uintptr_t Live = 0;
  auto Visit = [&](uintptr_t Start, const LiveBlock &B) {
    if (Addr < Start || Addr >= Start + (B.Size ? B.Size : 1))
      return;
    Live = Start;
    *Out = HeapBlock{B.Size, B.AllocStack, B.AllocTid, false, ThreadId::Invalid, 0};
  };
  Blocks.forEachUnordered(Visit);
  // A large block being freed is out of the table during its free's check.
  if (!Live && PendingFree.Start)
    Visit(PendingFree.Start, PendingFree.Block);
  if (Live)
    return Live;
  FreedBlock F;
  if (!FreedBlocks.findNewest(Addr, &F))
    return 0;
  *Out = HeapBlock{F.Size, F.AllocStack, F.AllocTid, true, F.FreeTid, F.Seq};
  return F.Start;
}

bool freedMarkContext(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context) {
  return FreedBlocks.freeContext(GranuleAddr, Slot, Context);
}

bool allocationContext(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context) {
  // What an allocation stores: a plain write.
  if (!slotWrite(Slot) || (Slot & (kAtomicBit | kVptrBit)))
    return false;
  LiveBlock B;
  uintptr_t Start = Blocks.containing(GranuleAddr, kNamedByBlockMax, &B);
  // The block whose free is being checked is out of the table meanwhile.
  if (!Start && PendingFree.Start && GranuleAddr + kGranule > PendingFree.Start &&
      GranuleAddr < PendingFree.Start + PendingFree.Block.Size) {
    Start = PendingFree.Start;
    B = PendingFree.Block;
  }
  if (!Start || B.AllocSid != slotSid(Slot) || B.AllocEpoch != slotEpoch(Slot))
    return false;
  *Context = B.AllocContext;
  return true;
}

} // namespace weft

WEFT_INTERCEPTOR void *malloc(size_t Size) {
  void *P = __libc_malloc(Size);
  onAlloc(P, Size, WEFT_CALLER_PC, pseudoPc(&malloc));
  return P;
}

WEFT_INTERCEPTOR void *calloc(size_t N, size_t Size) {
  void *P = __libc_calloc(N, Size);
  onAlloc(P, N * Size, WEFT_CALLER_PC, pseudoPc(&calloc));
  return P;
}

WEFT_INTERCEPTOR void *realloc(void *Old, size_t Size) {
  // Treated as free + malloc: the bytes moved, their history did not.
  if (Old && Size == 0) {
    if (!onFree(Old, WEFT_CALLER_PC, freePc()))
      __libc_free(Old);
    return nullptr;
  }
  size_t OldSize = liveSize(Old);
  onFree(Old, 0, 0);
  void *P = __libc_realloc(Old, Size);
  reallocMoved(Old, OldSize, P);
  onAlloc(P, Size, WEFT_CALLER_PC, pseudoPc(&realloc));
  return P;
}

WEFT_INTERCEPTOR void *reallocarray(void *Old, size_t N, size_t Size) {
  size_t Total;
  if (__builtin_mul_overflow(N, Size, &Total)) {
    errno = ENOMEM;
    return nullptr;
  }
  size_t OldSize = liveSize(Old);
  onFree(Old, 0, 0);
  void *P = __libc_realloc(Old, Total);
  reallocMoved(Old, OldSize, P);
  onAlloc(P, Total, WEFT_CALLER_PC, pseudoPc(&reallocarray));
  return P;
}

WEFT_INTERCEPTOR void free(void *P) {
  if (!onFree(P, WEFT_CALLER_PC, freePc()))
    __libc_free(P);
}

WEFT_INTERCEPTOR void cfree(void *P) {
  if (!onFree(P, WEFT_CALLER_PC, freePc()))
    __libc_free(P);
}

WEFT_INTERCEPTOR int posix_memalign(void **Out, size_t Align, size_t Size) {
  if (Align < sizeof(void *) || (Align & (Align - 1)))
    return EINVAL;
  void *P = allocAligned(Align, Size, WEFT_CALLER_PC, pseudoPc(&posix_memalign));
  if (!P)
    return ENOMEM;
  *Out = P;
  return 0;
}

WEFT_INTERCEPTOR void *aligned_alloc(size_t Align, size_t Size) {
  return allocAligned(Align, Size, WEFT_CALLER_PC, pseudoPc(&aligned_alloc));
}

WEFT_INTERCEPTOR void *memalign(size_t Align, size_t Size) {
  return allocAligned(Align, Size, WEFT_CALLER_PC, pseudoPc(&memalign));
}

WEFT_INTERCEPTOR void *valloc(size_t Size) {
  return allocAligned(4096, Size, WEFT_CALLER_PC, pseudoPc(&valloc));
}

WEFT_INTERCEPTOR void *pvalloc(size_t Size) {
  return allocAligned(4096, (Size + 4095) & ~size_t(4095), WEFT_CALLER_PC, pseudoPc(&pvalloc));
}

// C++ allocation functions --------------------------------------------------

#define WEFT_CXX __attribute__((weak, visibility("default")))

WEFT_CXX void *operator new(size_t Size) { return newOrDie(Size, WEFT_CALLER_PC); }
WEFT_CXX void *operator new[](size_t Size) { return newOrDie(Size, WEFT_CALLER_PC); }
WEFT_CXX void *operator new(size_t Size, const std::nothrow_t &) noexcept {
  void *P = __libc_malloc(Size ? Size : 1);
  onAlloc(P, Size, WEFT_CALLER_PC, newPc());
  return P;
}
WEFT_CXX void *operator new[](size_t Size, const std::nothrow_t &) noexcept {
  void *P = __libc_malloc(Size ? Size : 1);
  onAlloc(P, Size, WEFT_CALLER_PC, newPc());
  return P;
}
WEFT_CXX void *operator new(size_t Size, std::align_val_t A) {
  return newAlignedOrDie(Size, size_t(A), WEFT_CALLER_PC);
}
WEFT_CXX void *operator new[](size_t Size, std::align_val_t A) {
  return newAlignedOrDie(Size, size_t(A), WEFT_CALLER_PC);
}
WEFT_CXX void *operator new(size_t Size, std::align_val_t A, const std::nothrow_t &) noexcept {
  return allocAligned(size_t(A), Size ? Size : 1, WEFT_CALLER_PC, newPc());
}
WEFT_CXX void *operator new[](size_t Size, std::align_val_t A, const std::nothrow_t &) noexcept {
  return allocAligned(size_t(A), Size ? Size : 1, WEFT_CALLER_PC, newPc());
}

WEFT_CXX void operator delete(void *P) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete[](void *P) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete(void *P, const std::nothrow_t &) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, const std::nothrow_t &) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete(void *P, size_t) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, size_t) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete(void *P, std::align_val_t) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, std::align_val_t) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete(void *P, size_t, std::align_val_t) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, size_t, std::align_val_t) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete(void *P, std::align_val_t, const std::nothrow_t &) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
WEFT_CXX void operator delete[](void *P, std::align_val_t, const std::nothrow_t &) noexcept {
  if (!onFree(P, WEFT_CALLER_PC, deletePc()))
    __libc_free(P);
}
