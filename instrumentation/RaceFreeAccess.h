//===- RaceFreeAccess.h - Accesses that provably cannot race ----*- C++ -*-===//
//
// The rules by which the pass leaves a memory access uninstrumented. Each rule
// is one small predicate with the reason it is sound written next to it, a
// STATISTIC counting what it skipped (see -stats), and its own .ll test with
// a twin that shows the near-miss case still instrumented.
//
// A wrong rule here is a missed race, so every rule must be conservative:
// when in doubt, instrument.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_INSTRUMENTATION_RACEFREEACCESS_H
#define WEFT_INSTRUMENTATION_RACEFREEACCESS_H

#include "llvm/ADT/DenseMap.h"

namespace llvm {
class AllocaInst;
class Instruction;
class Value;
} // namespace llvm

namespace weft {

// The rules. `Object` is the access's underlying object (getUnderlyingObject).
bool isOutsideDefaultAddressSpace(const llvm::Value *Ptr);
bool isSwiftErrorSlot(const llvm::Value *Ptr);
bool isConstantGlobal(const llvm::Value *Object);
bool isCompilerOwnedGlobal(const llvm::Value *Object);
bool isInvariantLoad(const llvm::Instruction &I);
bool isVtableSlotRead(const llvm::Instruction &I, const llvm::Value *Object);
bool isUncapturedAlloca(const llvm::Value *Object);

/// Applies the rules to the accesses of one function, remembering per-alloca
/// capture results (capture tracking walks every use, so ask once).
class RaceFreeAccess {
public:
  /// True if the access `I` makes through `Ptr` needs no runtime call. Counts
  /// the skip under the first rule that applies.
  bool canSkip(const llvm::Instruction &I, const llvm::Value *Ptr);

  /// True if `Ptr` is not something the runtime ABI can name (the first two
  /// rules); the only rules that apply to atomics.
  bool cannotDescribe(const llvm::Value *Ptr);

private:
  bool isUncapturedAllocaCached(const llvm::Value *Object);

  llvm::DenseMap<const llvm::AllocaInst *, bool> Uncaptured;
};

} // namespace weft

#endif // WEFT_INSTRUMENTATION_RACEFREEACCESS_H
