//===- access_history.h - Which stack made each recorded access -----------===//
//
// The shadow (shadow.h) keeps per granule only what the race check needs:
// two slots of (clock slot, epoch, bytes, kind). Which stack made each
// recorded access, so that a report can print the previous access's stack,
// lives here instead, off the hot shadow: the out-of-line part of the check
// records every slot it stores as (granules, slot value, stack context).
// Never on the fast path: an access found already recorded records nothing.
//
// Records are kept per clock slot, in the order they were made, in chunks
// of 4 KiB. A record that continues one of the last few of its clock slot
// (the next or previous granule, same slot value and context) only grows
// it, so a loop over an array, or two arrays at once, costs a record, not
// one per granule.
//
// What identifies the previous access: a granule and the slot value it
// holds. The commit that stored that value there is the newest record of
// that clock slot covering the granule with that value (a value is stored
// at a granule again only after it left it). A clock slot's epochs only
// grow, so a look-up walks back from the newest record and stops at the
// first one older than the slot's epoch: it reads the records of one epoch
// of one thread.
//
// Bounded and reclaimed with the stack history's generations
// (shadow_stack.h, rtl.cc): chunks belong to the generation they were
// filled in, and when a generation begins, the chunks of the one before
// the previous go back to a free list, as the stack arena of that
// generation is emptied. A slot of that age already prints its stack as
// unavailable (historyStackOf), so nothing a report can still print is
// lost. A generation whose records fill their share of the budget starts
// the next one, as a full stack arena does.
//
// Must never: allocate through the program's malloc, or run on the access
// check's fast path.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_ACCESS_HISTORY_H
#define WEFT_RUNTIME_ACCESS_HISTORY_H

#include "shadow/shadow.h"

#include <cstddef>
#include <cstdint>

namespace weft {
namespace access_history {

/// One record: the slot value \p Slot, with stack context \p Context
/// (a stack id or a mutex_set context id), was stored in the \p Granules
/// granules from \p Begin.
struct Record {
  uintptr_t Begin;
  uint32_t Granules;
  uint32_t Context;
  RawSlot Slot;
};
static_assert(sizeof(Record) == 24, "records are 24 bytes");

/// Memory the records of one generation may take before the next begins.
void setBudget(uint64_t BytesPerGeneration);

/// Records that \p Slot, with stack context \p Context, was stored in the
/// \p N granules from \p GranuleAddr. May begin a new history generation
/// (startHistoryGeneration), which moves every thread's epoch on: the
/// record still carries \p Slot as given.
void record(uintptr_t GranuleAddr, size_t N, RawSlot Slot, uint32_t Context);

/// The stack context of the commit that stored \p Slot at the granule
/// \p GranuleAddr, if it is still recorded.
bool lookup(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context);

/// A new history generation begins (startHistoryGeneration, which calls
/// this beside the stack trie's own): the records of the one before the
/// previous are dropped.
void startGeneration();

/// Chunks in use (for print_stats and tests).
size_t chunksInUse();

} // namespace access_history
} // namespace weft

#endif
