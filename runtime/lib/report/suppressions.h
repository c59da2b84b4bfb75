//===- suppressions.h - The suppressions file (TSan syntax) ---------------===//
//
// Owns the list read from `WEFT_OPTIONS=suppressions=FILE`: one `type:pattern`
// per line, `#` comments, blank lines ignored. Types: race, deadlock (lock-
// order inversion), mutex (misuse, double lock), thread (leak),
// called_from_lib, signal (accepted; weft has no such report yet). A pattern
// matches a name when it occurs in it; `*` matches any run of characters,
// `^` anchors at the start and `$` at the end (TSan's rules). A report is
// suppressed when a pattern of its type matches the function, file or module
// of any frame of any of its stacks (or the global it names);
// called_from_lib patterns match modules only, in any report.
//
// Only reports consult it; never the per-access path.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SUPPRESSIONS_H
#define WEFT_RUNTIME_SUPPRESSIONS_H

#include <cstddef>

namespace weft {
namespace suppressions {

/// Reads \p Path; on a missing file or a bad line prints `weft: error: ...`
/// and exits with status 2.
void load(const char *Path);

/// True if \p Pattern matches \p Text (TSan's template rules).
bool templateMatch(const char *Pattern, const char *Text);

/// The first suppression of \p Type (or called_from_lib, for \p Modules)
/// matching one of \p Names / \p Modules; counts the hit. -1 if none.
int match(const char *Type, const char *const *Names, size_t NumNames,
          const char *const *Modules, size_t NumModules);

/// Prints the suppressions that matched, with their hit counts, to \p Fd
/// (print_suppressions=1); nothing if none matched.
void printMatched(int Fd);

} // namespace suppressions
} // namespace weft

#endif
