//===- inline_thread.cc - The pointer the pass's inline paths load --------===//
//
// Owns __weft_inline_thread, the thread-local pointer the pass's inline
// access checks and inline function entry and exit load, and the dormant
// stand-in it points at while weft does not schedule the OS thread (before
// the runtime starts, after a thread's end, inside an UnscheduledScope).
// Never null, so that the inline paths need no test for "no thread": two
// instructions at each of the tens of millions of checks, entries and
// exits of a call-heavy program (docs/performance.md, "Calls and queues").
//
// The stand-in has the fields the inline paths use, at the offsets
// weft/shadow_layout.h names, and nothing else. It must never be taken
// for a thread: only setCurThread writes the pointer, and no runtime code
// reads it. What the inline paths do to it is harmless by construction:
// the countdown and the depth run free (several unscheduled OS threads
// may share them, unsynchronized: nobody reads them), the call-stack
// array has the spare slot every deeper frame shares, and every slow path
// they call (a countdown at zero, a slot that does not match, an exit at
// the low mark) finds CurThread null and returns, as the checks did when
// they tested the pointer themselves. Its slot base may even match a slot
// by chance: that only skips a slow path that would have returned.
//
//===----------------------------------------------------------------------===//

#include "core/rtl.h"

#include "weft/shadow_layout.h"

#include <cstddef>
#include <cstdint>

namespace weft {
namespace {

struct DormantThread {
  uint32_t Countdown;
  char Pad0[WEFT_THREAD_SLOT_BASE_OFFSET - WEFT_THREAD_COUNTDOWN_OFFSET - sizeof(uint32_t)];
  uint64_t SlotBase;
  char Pad1[WEFT_THREAD_STACK_PCS_OFFSET - WEFT_THREAD_SLOT_BASE_OFFSET - sizeof(uint64_t)];
  uint64_t *Pcs;
  uint32_t Depth;
  uint32_t Low; // 0: an exit at depth 0 calls __weft_func_exit, which returns
};
static_assert(offsetof(DormantThread, Countdown) == WEFT_THREAD_COUNTDOWN_OFFSET &&
                  offsetof(DormantThread, SlotBase) == WEFT_THREAD_SLOT_BASE_OFFSET &&
                  offsetof(DormantThread, Pcs) == WEFT_THREAD_STACK_PCS_OFFSET &&
                  offsetof(DormantThread, Depth) == WEFT_THREAD_STACK_DEPTH_OFFSET &&
                  offsetof(DormantThread, Low) == WEFT_THREAD_STACK_LOW_OFFSET,
              "the stand-in's fields where the inline paths look (weft/shadow_layout.h)");

// Zero pages until written: an unscheduled thread's calls touch the first
// few of its 512 KiB (the depth stays near where entries and exits
// balance; past the array every frame shares the spare slot).
uint64_t DormantPcs[WEFT_STACK_FRAMES + 1];
DormantThread Dormant = {~0u, {}, 0, {}, DormantPcs, 0, 0};

} // namespace

__thread void *InlineThread __attribute__((tls_model("local-exec"))) = &Dormant;

void *dormantThread() { return &Dormant; }

} // namespace weft
