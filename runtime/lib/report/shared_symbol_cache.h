//===- shared_symbol_cache.h - Symbolizer answers shared across runs ------===//
//
// Owns a memory region that the fork server maps once, before its first
// fork, and that every run it forks inherits, shared: the symbolizer's
// answers (the raw text llvm-symbolizer sent for one "CODE"/"DATA" query
// about a module and offset). A schedule that prints a report an earlier
// schedule of the same `weft test` job already printed then asks no
// symbolizer at all, and starts none: printing a known report costs what
// formatting it costs (issue 12 item 5).
//
// It must never block, take a lock (a run may be killed at any instant,
// holding it), or let a reader see a half-written entry: entries are
// written in space reserved with one atomic add, then published by one
// compare-and-swap on their bucket's head, and never changed after. When
// the region is full, answers are no longer shared (never evicted).
//
// Without a fork server (a plain run, `weft test --no-fork-server`) there
// is no region and every call answers "not cached".
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SHARED_SYMBOL_CACHE_H
#define WEFT_RUNTIME_SHARED_SYMBOL_CACHE_H

#include <cstddef>
#include <cstdint>

namespace weft {

class TextBuffer;

/// In the fork server, before its first fork: maps the region. Raw system
/// calls only, no runtime state (the server is not a started runtime).
void createSharedSymbolCache();

/// Copies into \p Answer the cached answer to query \p Kind about \p Module
/// at \p Offset; false if no run of this server cached it.
bool findSharedAnswer(const char *Kind, const char *Module, uintptr_t Offset,
                      TextBuffer &Answer);

/// Caches \p Answer (\p Len bytes) for later runs; silently does nothing
/// without a region or when it is full.
void addSharedAnswer(const char *Kind, const char *Module, uintptr_t Offset,
                     const char *Answer, size_t Len);

} // namespace weft

#endif
