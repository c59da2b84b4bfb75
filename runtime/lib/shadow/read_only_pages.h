//===- read_only_pages.h - Pages mapped without write access --------------===//
//
// Which pages of program memory are mapped readable and not writable since
// their mapping was made (mmap without PROT_WRITE: a file a program reads
// through a mapping, such as LevelDB's tables). Nothing can write such a
// page while that protection holds, and its shadow was forgotten when it
// was mapped, so a read of it can race with nothing: the access check
// neither records nor checks one (checkGranuleSlow and checkRange in
// access.cc), and the page's shadow is never written. So it can be cheap
// shadow: a private mapping of one file of zeros (shadow::mapZeroFile),
// whose pages all read-only mappings share, the kernel mapping several per
// fault and allocating none. docs/design.md, "Read-only mappings".
//
// A page stops being read-only when it is unmapped or remapped, or made
// writable (mprotect with PROT_WRITE); only a new mapping makes one
// read-only, never mprotect (an earlier write of the page may still race
// with a later read). What is given up: a read made while the page was
// read-only is not recorded, so a write after the page was made writable
// that races with such a read is not reported (docs/limits.md).
//
// One bit per 4 KiB page, in a page after each shadow region's granules
// (shadow.h: the region's reservation has room for it), behind one
// process-wide flag: a program that never maps anything read-only pays a
// load of that flag in the access check's slow path and nothing else. Never
// on the inline access path; it allocates nothing (the bits live in the
// shadow region's reservation).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_READ_ONLY_PAGES_H
#define WEFT_RUNTIME_READ_ONLY_PAGES_H

#include <cstddef>
#include <cstdint>

namespace weft {
namespace read_only_pages {

/// Mappings larger than this are never marked (a reservation of terabytes
/// would cost a bit per page to mark and a shadow walk to forget); their
/// reads are checked and recorded as any others.
constexpr size_t kMaxMarkBytes = size_t(1) << 30;

/// Set once any page was marked; read without a lock by the checks below
/// (only ever goes from false to true).
extern bool Any;

/// Marks the whole pages of [Addr, Addr+Size) read-only: the caller just
/// mapped them without PROT_WRITE and forgot their shadow. Only the thread
/// holding the baton marks.
void mark(uintptr_t Addr, size_t Size);
/// Clears the marks of the pages [Addr, Addr+Size) touches; returns
/// whether any page was marked. Safe from any thread (atomic bit
/// operations; it never maps a shadow region), so that an unmap that
/// weft does not schedule still ends the promise.
bool clear(uintptr_t Addr, size_t Size);
/// Whether any page [Addr, Addr+Size) touches is marked.
bool intersects(uintptr_t Addr, size_t Size);

bool containsSlow(uintptr_t Addr);
bool coversSlow(uintptr_t Addr, size_t Size);

/// Whether the page of \p Addr is marked.
inline bool contains(uintptr_t Addr) {
  return __builtin_expect(__atomic_load_n(&Any, __ATOMIC_RELAXED), 0) && containsSlow(Addr);
}
/// Whether every page [Addr, Addr+Size) touches is marked (\p Size > 0).
inline bool covers(uintptr_t Addr, size_t Size) {
  return __builtin_expect(__atomic_load_n(&Any, __ATOMIC_RELAXED), 0) && coversSlow(Addr, Size);
}

} // namespace read_only_pages
} // namespace weft

#endif
