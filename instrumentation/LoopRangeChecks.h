//===- LoopRangeChecks.h - One range check for a loop's sweep ---*- C++ -*-===//
//
// A loop that contains nothing that can synchronize (no atomic, fence, or
// call that is not `nosync`) and nothing that may not return
// (mayEndEpochOrPath in RedundantChecks.h) runs all its iterations within
// one epoch of its thread, so checking each iteration's access separately
// finds exactly the races that one check of all the bytes the loop touches
// finds. When the loop's trip count is known on entry, an access that
// every iteration makes, at an address that steps through memory without
// gaps (or stays put), is replaced by one range check in the loop's
// preheader; repeated level by level, a nested sweep of a 2-D array becomes
// one check before the outer loop.
//
// Never hoists an access the loop might not make: loops with an exit other
// than the latch, accesses in blocks not executed on every iteration,
// strided accesses that skip bytes, volatile accesses.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_INSTRUMENTATION_LOOPRANGECHECKS_H
#define WEFT_INSTRUMENTATION_LOOPRANGECHECKS_H

#include "llvm/ADT/SmallVector.h"

namespace llvm {
class DataLayout;
class DominatorTree;
class Function;
class Instruction;
class LoopInfo;
class ScalarEvolution;
class Value;
} // namespace llvm

namespace weft {

/// A check of [Begin, Begin + Bytes) to emit before InsertBefore.
struct RangeCheck {
  llvm::Instruction *InsertBefore;
  llvm::Value *Begin;
  llvm::Value *Bytes; // i64
  bool IsWrite;
  llvm::Instruction *Access; // the access it stands for (its location)
};

/// Removes from \p Accesses (plain loads and stores) those that can be
/// checked once before their loop, and returns those checks, already
/// expanded into IR (addresses and lengths computed in the preheaders).
llvm::SmallVector<RangeCheck, 4>
hoistLoopChecks(llvm::Function &F, llvm::SmallVectorImpl<llvm::Instruction *> &Accesses,
                llvm::LoopInfo &LI, llvm::ScalarEvolution &SE,
                llvm::DominatorTree &DT, const llvm::DataLayout &DL);

} // namespace weft

#endif
