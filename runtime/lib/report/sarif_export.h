//===- sarif_export.h - WEFT_OPTIONS=sarif_path=FILE ----------------------===//
//
// A single run writes its reports as SARIF when sarif_path names a file. The
// runtime does not write JSON itself: its text report is the record (its
// layout is golden-tested), and the driver's one SARIF writer converts it.
// After every report the runtime runs `weft sarif -o FILE -` with all the
// reports so far on its standard input, so the file is complete however the
// run ends (a race at exit, a deadlock or a crash that never returns).
//
// The driver is $WEFT_DRIVER (which weft sets for everything it runs) or
// `weft` on PATH. The child is started with raw fork/execve/wait4 system
// calls: the program's own fork/exec/wait interceptors must not see it.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SARIF_EXPORT_H
#define WEFT_RUNTIME_SARIF_EXPORT_H

#include <cstddef>

namespace weft {
namespace sarif_export {

/// At startup: removes a SARIF file left by an earlier run, so that the file
/// exists only if this run reported.
void init();

/// After a report of \p Size bytes was printed: keeps it and rewrites the
/// SARIF file from every report so far.
void reportPrinted(const char *Text, size_t Size);

} // namespace sarif_export
} // namespace weft

#endif
