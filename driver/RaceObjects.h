//===- RaceObjects.h - Is this object compiled with -race? ------*- C++ -*-===//
//
// An object compiled with `weft cc -race -c` calls into weft's runtime, which
// only a `-race` link adds. Linked without it, the linker would print one
// bare `undefined reference to __weft_...` per instrumented function. The
// driver looks at a link's objects and archives first and says what to do
// instead, in one line.
//
// The mark of an instrumented object is the one symbol every instrumented
// module references exactly once: __weft_init, called from the module's
// constructor. It is undefined in the object (defined only in the runtime,
// which is how the runtime archive itself is told apart).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_RACEOBJECTS_H
#define WEFT_DRIVER_RACEOBJECTS_H

#include "absl/strings/string_view.h"

#include <string>

namespace weft {
namespace driver {

/// True for the file names a link reads as relocatable objects or archives.
bool isObjectOrArchiveName(absl::string_view Path);

/// True if \p Path is an ELF object, or an archive holding one, that
/// references __weft_init without defining it. Unreadable files, shared
/// objects and anything not ELF are not.
bool isCompiledWithRace(const std::string &Path);

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_RACEOBJECTS_H
