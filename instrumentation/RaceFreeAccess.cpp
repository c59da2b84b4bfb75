//===- RaceFreeAccess.cpp - Accesses that provably cannot race ------------===//
//
// Each predicate below answers one question about an access and says why a
// "yes" means no other thread can be on the other side of a race.
//
//===----------------------------------------------------------------------===//

#include "RaceFreeAccess.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"

#define DEBUG_TYPE "weft"

using namespace llvm;

STATISTIC(NumSkippedAddressSpace,
          "Accesses skipped: pointer outside address space 0");
STATISTIC(NumSkippedSwiftError, "Accesses skipped: swifterror slot");
STATISTIC(NumSkippedConstantGlobal, "Accesses skipped: constant global");
STATISTIC(NumSkippedCompilerGlobal,
          "Accesses skipped: global owned by the compiler or weft");
STATISTIC(NumSkippedInvariantLoad, "Accesses skipped: !invariant.load");
STATISTIC(NumSkippedVtableSlot,
          "Reads skipped: a slot of a vtable (function pointer, offset, RTTI)");
STATISTIC(NumSkippedUncapturedAlloca,
          "Accesses skipped: alloca that never escapes");

namespace weft {

// Not "cannot race" but "cannot be described": the runtime ABI takes plain
// (address space 0) pointers, and other address spaces (GPU local memory,
// x86 fs/gs segment addressing) do not name process memory the runtime's
// shadow covers.
bool isOutsideDefaultAddressSpace(const Value *Ptr) {
  return Ptr->getType()->getPointerAddressSpace() != 0;
}

// A swifterror slot is promoted to a register by instruction selection; it is
// not memory, and it may not be passed to any other call.
bool isSwiftErrorSlot(const Value *Ptr) { return Ptr->isSwiftError(); }

// A constant global is never written after load time (writing it is UB, and it
// is usually mapped read-only), and a race needs at least one write.
bool isConstantGlobal(const Value *Object) {
  const auto *GV = dyn_cast<GlobalVariable>(Object);
  return GV && GV->isConstant();
}

// Globals that exist only because a compiler pass or weft itself made them:
// llvm.* (metadata-like arrays such as llvm.used), __llvm_* and __prof* (gcov
// and profile counters, racy by design and invisible to the user, who could
// not suppress a report about them), and weft's own state. Reports about them
// would be noise about someone else's code.
bool isCompilerOwnedGlobal(const Value *Object) {
  const auto *GV = dyn_cast<GlobalVariable>(Object);
  if (!GV)
    return false;
  StringRef Name = GV->getName();
  return Name.starts_with("llvm.") || Name.starts_with("__llvm_") ||
         Name.starts_with("__prof") || Name.starts_with("__weft_");
}

// !invariant.load promises that the location holds the same value for as long
// as it is dereferenceable; nobody writes it while it can be read, so a read
// of it cannot be half of a race.
bool isInvariantLoad(const Instruction &I) {
  return isa<LoadInst>(I) && I.hasMetadata(LLVMContext::MD_invariant_load);
}

// A read through a vtable pointer (a load that clang's TBAA tags as one, at
// -O1 and above) reads the vtable itself: a virtual call's function
// pointer, the offset to the top, the RTTI pointer. Vtables are constant
// data the compiler emits, never written by the program, so the read
// cannot race; the vtable pointer's own load is a vptr access and stays
// checked (vptr_accesses.ll). TSan skips these reads as well. One for every
// virtual call: LevelDB's db_test.cc has 1,373 of them.
bool isVtableSlotRead(const Instruction &I, const Value *Object) {
  const auto *Vptr = dyn_cast<LoadInst>(Object);
  if (!isa<LoadInst>(I) || !Vptr)
    return false;
  const MDNode *Tag = Vptr->getMetadata(LLVMContext::MD_tbaa);
  return Tag && Tag->isTBAAVtableAccess();
}

// A stack slot whose address never leaves the function (not stored, not
// passed to a call that may keep it, not returned) can only be reached by the
// thread running this frame. Capture tracking follows GEPs and casts, so
// asking about the alloca itself covers every pointer derived from it.
bool isUncapturedAlloca(const Value *Object) {
  const auto *AI = dyn_cast<AllocaInst>(Object);
  return AI && !PointerMayBeCaptured(AI, /*ReturnCaptures=*/true,
                                     /*StoreCaptures=*/true);
}

bool RaceFreeAccess::isUncapturedAllocaCached(const Value *Object) {
  const auto *AI = dyn_cast<AllocaInst>(Object);
  if (!AI)
    return false;
  auto [It, Inserted] = Uncaptured.try_emplace(AI, false);
  if (Inserted)
    It->second = isUncapturedAlloca(AI);
  return It->second;
}

bool RaceFreeAccess::cannotDescribe(const Value *Ptr) {
  if (isOutsideDefaultAddressSpace(Ptr)) {
    ++NumSkippedAddressSpace;
    return true;
  }
  if (isSwiftErrorSlot(Ptr)) {
    ++NumSkippedSwiftError;
    return true;
  }
  return false;
}

bool RaceFreeAccess::canSkip(const Instruction &I, const Value *Ptr) {
  if (cannotDescribe(Ptr))
    return true;
  if (isInvariantLoad(I)) {
    ++NumSkippedInvariantLoad;
    return true;
  }
  const Value *Object = getUnderlyingObject(Ptr);
  if (isConstantGlobal(Object)) {
    ++NumSkippedConstantGlobal;
    return true;
  }
  if (isCompilerOwnedGlobal(Object)) {
    ++NumSkippedCompilerGlobal;
    return true;
  }
  if (isVtableSlotRead(I, Object)) {
    ++NumSkippedVtableSlot;
    return true;
  }
  if (isUncapturedAllocaCached(Object)) {
    ++NumSkippedUncapturedAlloca;
    return true;
  }
  return false;
}

} // namespace weft
