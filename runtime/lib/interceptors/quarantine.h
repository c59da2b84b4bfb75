//===- quarantine.h - Freed heap blocks held back from reuse --------------===//
//
// glibc hands a freed block out again at once (its tcache is LIFO), and
// writes its own list pointers over the first bytes. A use after free then
// reads another object's data, or a vtable pointer glibc overwrote (a call
// through a deleted object crashes instead of being reported), and the
// shadow of the block is reset by the next allocation before anyone used
// the freed memory. So weft holds freed blocks back, first in first out,
// bounded in bytes (quarantine_size_mb) and in blocks (as many as reports
// keep freed-block descriptions for), and releases a block to glibc only
// when it leaves.
//
// Only the baton holder calls these (they run in free, which weft counts as
// the program's step). Never allocates through the program's malloc.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_QUARANTINE_H
#define WEFT_RUNTIME_QUARANTINE_H

#include <cstddef>
#include <cstdint>

namespace weft {
namespace quarantine {

/// The most blocks held at once (the freed-block descriptions kept for
/// reports, 4,096, cover them all). The cost of a quarantine is that freed
/// memory and its shadow go cold before they are used again: bench's
/// alloc_heavy (small blocks, freed and allocated at once) takes 1.0x its
/// time without a quarantine when 256 blocks are held, 1.2x with 1,024 and
/// 2.6x with 4,096 (docs/performance.md).
constexpr size_t kMaxBlocks = 1024;

/// Would a freed block of \p Size bytes be held? Not if the quarantine is
/// off, or the block alone is larger than it.
bool accepts(size_t Size);
/// Takes the freed block \p P of \p Size bytes (accepts(Size) is true).
/// Blocks that leave to make room are handed to \p Release, oldest first.
void hold(void *P, size_t Size, void (*Release)(void *P, size_t Size));
/// Is \p Addr inside a block held now? A scan: for reports and double frees.
bool holds(uintptr_t Addr);

} // namespace quarantine
} // namespace weft

#endif
