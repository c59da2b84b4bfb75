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
// Bounded and reclaimed in generations of its own: chunks belong to the
// generation they were filled in, and when the records of a generation
// fill their budget the next one begins and the chunks of the one before
// the previous go back to a free list. A look-up of a dropped record finds
// nothing (the report prints the stack as unavailable), never another
// record: records of the same value at the same granule are either
// dropped too (older) or the latest store (newer). Nothing else moves at
// a generation: no epochs, no stack trie (whose own generations decide
// whether a stack id found here is still valid: historyStackOf).
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
/// \p N granules from \p GranuleAddr. May begin a new generation.
void record(uintptr_t GranuleAddr, size_t N, RawSlot Slot, uint32_t Context);

/// record() of one granule (\p N == 1): the access check's, whose usual
/// path then needs no stack frame.
void recordOne(uintptr_t GranuleAddr, RawSlot Slot, uint32_t Context);

/// Records the same as record(), without looking for a recent record to
/// continue: for stores that seldom continue one (an allocation's or a
/// free's write of a block, at an address the allocator just chose), where
/// the search costs more than the record it might save. Exact either way:
/// a look-up finds the newest record of a value first.
void append(uintptr_t GranuleAddr, size_t N, RawSlot Slot, uint32_t Context);

/// The stack context of the commit that stored \p Slot at the granule
/// \p GranuleAddr, if it is still recorded.
bool lookup(uintptr_t GranuleAddr, RawSlot Slot, uint32_t *Context);

/// A new generation begins: the records of the one before the previous are
/// dropped. (record() calls it when a generation is full.)
void startGeneration();

/// Generations begun so far (for print_stats and tests).
uint32_t generation();

/// Chunks in use (for print_stats and tests).
size_t chunksInUse();

} // namespace access_history
} // namespace weft

#endif
