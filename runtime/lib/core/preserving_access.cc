//===- preserving_access.cc - The out-of-line access entry points ---------===//
//
// __weft_read1..8 and __weft_write1..8: the calls the pass makes where it
// does not inline the access check (in large functions outside their small
// innermost loops, or everywhere with -weft-inline-fast-paths=false); and
// function entry and exit, which large functions call. They keep every register
// of their caller (WEFT_PRESERVING; the pass calls them with LLVM's
// preserve_most): a call is then one instruction in the caller's code, with
// no spills or reloads around it and nothing for the register allocator to
// split, which is what keeps a large instrumented file's compile time at
// TSan's (docs/performance.md, compile time), and what keeps the caller fast.
//
// The fast path is the pass's inline check (weft/shadow_layout.h), both
// slots: thread, countdown, region, slot. The compiler saves the few
// registers it uses. Anything else goes to accessMiss, out of line, which
// alone saves every register a C call may clobber before it enters the
// full check (access.cc); the fast path must not call C functions itself,
// or its prologue would save them all on every access.
//
// Each call site hands over its own site flag (weft/shadow_layout.h), as the
// inline check hands it to the slow entry points: the fast path never reads
// it (it costs the caller one lea and nothing here), and a run with
// race-directed points keeps the countdown at 1, so every access reaches
// accessMiss, where the flag says whether the site is a point. The site is
// keyed as an inline one, by the module offset of this call's return
// address, so the sites an out-of-line access learns direct later runs.
//
// Built with -mgeneral-regs-only: a function that keeps its caller's
// registers must not touch vector registers (GCC refuses), and nothing
// here needs them. It never allocates, locks, or stores anything but the
// countdown.
//
//===----------------------------------------------------------------------===//

#include "core/rtl.h"
#include "shadow/shadow.h"

#include "weft/runtime_abi.h"
#include "weft/shadow_layout.h"

namespace weft {
namespace {

/// The fast path found nothing: the countdown ran out, the region is not
/// mapped, the access straddles granules or is not recorded. Saves the
/// registers a C call may clobber (only here), then the full check.
/// \p Frame is the entry point's canonical frame address, just above the
/// return address into the program: the pc, taken here rather than there,
/// and the arguments already in place (rdi, rsi) keep the entry point's
/// registers to those of the fast path, each of which it pushes and pops.
template <unsigned Size, bool IsWrite>
WEFT_NOINLINE WEFT_PRESERVING void accessMiss(uintptr_t Addr, uint8_t *Site,
                                              const uintptr_t *Frame) {
  accessAfterCountdown(Addr, Size, IsWrite, Frame[-1], Site);
}

/// The fast path: whether the access is done with (no thread, or already
/// recorded with the countdown still running). Takes neither the site flag
/// nor the pc, which only the miss needs: computed before, they would hold
/// two registers through it, and every register here is pushed and popped.
template <unsigned Size, bool IsWrite>
WEFT_ALWAYS_INLINE bool onPlainAccess(uintptr_t Addr) {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr))
    return true;
  if (WEFT_LIKELY(--Thr->Green.Countdown != 0)) {
    unsigned Off = Addr & (kGranule - 1);
    char *Region = shadow::Regions[shadow::regionIndex(Addr)];
    if (WEFT_LIKELY(Off + Size <= kGranule && Region)) {
      RawSlot Cur = Thr->SlotBase | slotAccessBits(byteMask(Off, Size), IsWrite, false);
      if (alreadyRecorded(shadow::granuleIn(Region, Addr), Cur))
        return true;
    }
  }
  return false;
}

} // namespace
} // namespace weft

using namespace weft;

#define WEFT_DEFINE_PRESERVING_ACCESS(N)                                       \
  WEFT_INTERFACE WEFT_PRESERVING void __weft_read##N(void *Addr, void *Site) { \
    bool Done = onPlainAccess<N, false>(reinterpret_cast<uintptr_t>(Addr));    \
    if (WEFT_UNLIKELY(!Done))                                                  \
      accessMiss<N, false>(reinterpret_cast<uintptr_t>(Addr), static_cast<uint8_t *>(Site), \
                           static_cast<const uintptr_t *>(__builtin_dwarf_cfa())); \
  }                                                                            \
  WEFT_INTERFACE WEFT_PRESERVING void __weft_write##N(void *Addr, void *Site) {\
    bool Done = onPlainAccess<N, true>(reinterpret_cast<uintptr_t>(Addr));     \
    if (WEFT_UNLIKELY(!Done))                                                  \
      accessMiss<N, true>(reinterpret_cast<uintptr_t>(Addr), static_cast<uint8_t *>(Site), \
                          static_cast<const uintptr_t *>(__builtin_dwarf_cfa())); \
  }
WEFT_DEFINE_PRESERVING_ACCESS(1)
WEFT_DEFINE_PRESERVING_ACCESS(2)
WEFT_DEFINE_PRESERVING_ACCESS(4)
WEFT_DEFINE_PRESERVING_ACCESS(8)
#undef WEFT_DEFINE_PRESERVING_ACCESS

// Function entry and exit: the calls the pass makes in functions too large
// for the inline push and pop (and the inline pop's way out, at the low
// mark). Neither calls anything, so they save only what they use.
WEFT_INTERFACE WEFT_PRESERVING void __weft_func_entry(void *CallerPc) {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr))
    return;
  // Only the pc: the trie learns the stack when something keeps it.
  Thr->Shadow.push(reinterpret_cast<uintptr_t>(CallerPc));
}

WEFT_INTERFACE WEFT_PRESERVING void __weft_func_exit() {
  ThreadState *Thr = CurThread;
  if (WEFT_UNLIKELY(!Thr))
    return;
  Thr->Shadow.pop();
}
