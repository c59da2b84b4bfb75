//===- kept_shadow.h - A budget on zeroed shadow kept for freed blocks ----===//
//
// A large heap block's free zeroes its shadow in place where it is resident
// (shadow.cc, docs/design.md "Resetting shadow: zeros or released pages"),
// so that the next block glibc puts there, usually at once, finds it hot.
// A program that frees many large blocks of varying sizes (LevelDB's table
// builders and compaction buffers) leaves far more of that zeroed shadow
// than it ever reuses: 120-140 MB of db_test's peak. This file bounds it.
// It remembers the freed ranges whose shadow stayed resident, oldest first,
// and once they add up to more than the budget it gives the oldest ones'
// shadow back to the kernel: only the pages that still read zero (the
// memory not reused since), so that nothing recorded is ever lost.
//
// Never on the access path: it runs in the free of a block over 64 KiB, on
// the thread holding the baton; it allocates nothing (a fixed ring).
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
/// shadow zeroed in place. While over budget (or past kMaxRanges ranges),
/// the oldest remembered ranges release their zero shadow pages
/// (shadow::releaseZeroPages), save those a newer range covers: the newer
/// free keeps them for the next owner.
void noteFreed(uintptr_t Addr, size_t Size);

/// Shadow bytes of the ranges remembered now.
size_t keptBytes();
/// Ranges remembered now.
size_t keptRanges();
/// Forgets every range (tests).
void clear();

} // namespace kept_shadow
} // namespace weft

#endif
