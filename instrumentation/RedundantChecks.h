//===- RedundantChecks.h - Checks that other checks imply ------*- C++ -*-===//
//
// Owns the analysis that finds plain accesses whose check adds nothing
// because another check, in the same epoch of the thread, already covers
// it. It only decides; it never changes the IR, and it never drops an
// access whose race no other check would find (docs/design.md, "The pass").
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_INSTRUMENTATION_REDUNDANTCHECKS_H
#define WEFT_INSTRUMENTATION_REDUNDANTCHECKS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace llvm {
class DataLayout;
class Function;
class Instruction;
} // namespace llvm

namespace weft {

/// True when \p I may start a new epoch of the running thread or hand its
/// clock to another: atomics, fences, and calls other than intrinsics and
/// functions LLVM proved `nosync` (no atomic ordering stronger than
/// monotonic, no volatile access, no call that may synchronize, in the
/// callee or anything it calls). Inline assembly and `returns_twice`
/// calls synchronize.
bool maySynchronize(const llvm::Instruction &I);

/// True when a check may not move across \p I: it may synchronize
/// (maySynchronize), or execution may not go on past it (a throw, a call
/// that does not return), so that an access after it might never happen.
bool mayEndEpochOrPath(const llvm::Instruction &I);

/// An access whose check is implied by others, with the checks that imply
/// it: one per way into it (a merge of paths may have a different cover on
/// each path), so that its race-directed point can follow their site flags.
struct RedundantCheck {
  llvm::Instruction *Skipped;
  llvm::SmallVector<llvm::Instruction *, 2> Covers;
  bool ReadBeforeWrite; // covered by a later write, not by an earlier check
};

/// Among \p Accesses (plain loads and stores of \p F chosen for a check),
/// those a check of another access covers on every path, with nothing that
/// may synchronize (maySynchronize) in between:
///  - a read that every path from it reaches a write of at least the same
///    bytes through the same pointer value, and nothing between may leave
///    the function (throw, not return);
///  - a repeat of an access that every path into it checked already (a
///    read after a read or a write, a write after a write) of at least the
///    same bytes through the same pointer value.
/// One pass over the blocks in reverse post-order (post-order for the
/// later writes): facts do not cross a loop's back edge, so a pointer
/// value of one iteration never stands for the next one's.
llvm::SmallVector<RedundantCheck, 8>
findRedundantChecks(llvm::Function &F, llvm::ArrayRef<llvm::Instruction *> Accesses,
                    const llvm::DataLayout &DL);

} // namespace weft

#endif
