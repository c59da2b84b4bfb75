//===- kept_shadow.h - A budget on zeroed shadow kept for freed blocks ----===//
//
// A large heap block's free zeroes its shadow in place where it is resident
// (shadow.cc, docs/design.md "Resetting shadow: zeros or released pages"),
// so that the next block glibc puts there, usually at once, finds it hot.
// A program that frees many large blocks of varying sizes (LevelDB's table
// builders and compaction buffers) leaves far more of that zeroed shadow
// than it ever reuses: up to 138 MB of db_test's peak. This file bounds
// it. It remembers the freed ranges whose shadow stayed resident, oldest
// first (memory freed again moves to the newest end), and once they add up
// to more than the budget it gives the oldest ones' shadow back to the
// kernel: only the pages that still read zero, so that nothing recorded is
// ever lost.
//
// Never on the access path: it runs in the free of a block over 64 KiB (and
// in a realloc that moved one), on the thread holding the baton; it
// allocates nothing (a fixed ring, scanned once per such free).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_KEPT_SHADOW_H
#define WEFT_RUNTIME_KEPT_SHADOW_H

#include <cstddef>
#include <cstdint>

namespace weft {
namespace kept_shadow {

/// Ranges remembered at most: past it the oldest is let go whatever the
/// budget. Every range is over 64 KiB of memory (128 KiB of shadow), so the
/// ring bounds 128 MiB of shadow or more.
constexpr size_t kMaxRanges = 1024;

/// The most shadow (bytes) of freed blocks kept resident: the flag
/// kept_shadow_mb. 0 gives every freed block's zeroed shadow back at once.
void setBudget(size_t Bytes);

/// [Addr, Addr+Size) of program memory was freed to the allocator and its
/// shadow zeroed in place. Remembered ranges inside it are the same memory
/// freed again, and are dropped (the budget counts memory, not frees).
/// While over budget (or past kMaxRanges ranges), the oldest remembered
/// ranges release their zero shadow pages (shadow::releaseZeroPages).
void noteFreed(uintptr_t Addr, size_t Size);

/// Shadow bytes of the ranges remembered now.
size_t keptBytes();
/// Ranges remembered now (not counting those dropped for a newer free).
size_t keptRanges();
/// Forgets every range (tests).
void clear();

} // namespace kept_shadow
} // namespace weft

#endif
