//===- code_site.h - module+0xoffset names for code -----------------------===//
//
// A code site names an instruction so that the name survives ASLR: the
// basename of the module that holds it and its offset from the module's
// load bias, written "module+0x1f" (lowercase hex). racy_sites (racy access
// sites), deadlock_steering (lock sites) and the schedule file's header
// read and write them with these functions.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_CODE_SITE_H
#define WEFT_RUNTIME_CODE_SITE_H

#include <cstddef>
#include <cstdint>

namespace weft {

class TextBuffer;

namespace code_site {

/// Reads lowercase hex digits from \p P up to \p End or the first other
/// character, into \p Value (0 if none); returns where it stopped.
const char *parseHex(const char *P, const char *End, uint64_t *Value);

/// Parses the one site that fills [\p P, \p End): a nonempty module name,
/// '+' (the last one), "0x" and at least one hex digit. On success sets
/// \p ModuleEnd (at the '+') and \p Offset; false if malformed.
bool parse(const char *P, const char *End, const char **ModuleEnd, uintptr_t *Offset);

/// A NUL-terminated copy of [\p P, \p P + \p Len) in internal memory.
char *copyName(const char *P, size_t Len);

/// The site of the call instruction that returns to \p Pc (return address
/// - 1); false if \p Pc is 0 or no module holds it. \p Module is the
/// module's basename, owned by the symbolizer.
bool ofReturnAddress(uintptr_t Pc, const char **Module, uintptr_t *Offset);

/// Appends "module+0xoffset".
void append(TextBuffer &B, const char *Module, uintptr_t Offset);

} // namespace code_site
} // namespace weft

#endif
