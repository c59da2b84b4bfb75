//===- symbolizer.h - Turning pcs and data addresses into source names ----===//
//
// weft asks an llvm-symbolizer child process (spawned on the first report and
// kept for the rest of the run) about module-relative offsets, which do not
// change with ASLR, so the same run prints the same names and lines.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SYMBOLIZER_H
#define WEFT_RUNTIME_SYMBOLIZER_H

#include <cstddef>
#include <cstdint>

namespace weft {

struct CodeFrame {
  const char *Function; // "<null>" when unknown
  const char *File;     // null when unknown
  unsigned Line, Column;
  const char *Module;   // basename of the binary or library
  uintptr_t ModuleOffset;
};

/// Frames for return address \p Pc (the call instruction is at Pc - 1),
/// innermost inlined frame first. Returns how many were written (>= 1).
size_t symbolizeCode(uintptr_t Pc, CodeFrame *Out, size_t Max);

struct DataSymbol {
  const char *Name;
  uintptr_t Start;
  size_t Size;
  const char *Module;
  uintptr_t ModuleOffset; // of the queried address
};
/// Describes the global containing \p Addr; false if there is none.
bool symbolizeData(uintptr_t Addr, DataSymbol *Out);
/// In a fork child: stop sharing the parent's symbolizer process (queries
/// from both would interleave on its pipes); the child starts its own.
void forgetSymbolizerAfterFork();

/// The module containing \p Addr (path, load bias); false if none.
bool findModule(uintptr_t Addr, const char **Path, const char **BaseName,
                uintptr_t *Bias);

} // namespace weft

#endif
