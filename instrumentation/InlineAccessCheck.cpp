//===- InlineAccessCheck.cpp - The access fast path, inlined --------------===//
//
// The block of an access becomes
//
//   head:   %thr = load @__weft_current_thread             ; TLS
//           br (%thr == null), cont, check
//   check:  %left = countdown(%thr) - 1; store %left
//           %region = load @__weft_shadow_regions[addr >> 32]
//           br (%left == 0 | %region == null), slow, probe
//   probe:  %slot = load i64 %region[(addr >> 3) * 48]
//           %cur = slotbase(%thr) | bits       ; bits: mask << 54 | write bit
//           br ((%slot ^ %cur) & (same | bits)) != 0, slow, cont
//   slow:   call @__weft_read8_slow(ptr)                   ; the whole check
//           br cont
//   cont:   the access
//
// Every branch to slow is weighted unlikely, so the fast path is straight
// line code. The countdown is decremented exactly once per access, as the
// entry points do, so a scheduling point falls on the same access with or
// without the inline check and a seed replays the same schedule either way;
// the slow entry points (__weft_read8_slow, ...) are the entry points minus
// that decrement. (Handing them the granule the probe found saved 2% of
// lock_heavy_map's instructions, whose accesses mostly miss, and cost 1.5%
// of deep_calls', whose accesses mostly hit: not worth a wider ABI.)
//
// The slot test is the runtime's (access.cc, alreadyRecorded): the slot
// must equal the access in every bit outside the mask and write bits
// ("same"), and hold each mask and write bit the access holds. Both say
// that a bit where they differ must be one the access does not hold, in
// the mask and write fields: (slot ^ cur) & (same | bits) == 0.
//
//===----------------------------------------------------------------------===//

#include "InlineAccessCheck.h"

#include "weft/shadow_layout.h"

#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace weft {
namespace {

/// The slot bits outside the byte mask and the write bit.
constexpr uint64_t kSameBits = ~(uint64_t(0xff) << WEFT_SLOT_MASK_SHIFT |
                                 uint64_t(1) << WEFT_SLOT_WRITE_BIT);

/// The runtime's state the check reads, declared on first use. The runtime
/// is linked into the executable, so code compiled for an executable (PIE,
/// or not position-independent at all) reaches the thread pointer's slot at
/// a link-time offset (local-exec: one instruction); code that may end up in
/// a shared library asks the GOT for it (initial-exec).
GlobalVariable *currentThreadVar(Module &M) {
  if (GlobalVariable *GV = M.getNamedGlobal(WEFT_CURRENT_THREAD_SYMBOL))
    return GV;
  bool ForExecutable = M.getPIELevel() != PIELevel::Default || M.getPICLevel() == PICLevel::NotPIC;
  return new GlobalVariable(M, PointerType::getUnqual(M.getContext()), /*isConstant=*/false,
                            GlobalValue::ExternalLinkage, nullptr,
                            WEFT_CURRENT_THREAD_SYMBOL, nullptr,
                            ForExecutable ? GlobalValue::LocalExecTLSModel
                                          : GlobalValue::InitialExecTLSModel);
}

GlobalVariable *shadowRegionsVar(Module &M) {
  if (GlobalVariable *GV = M.getNamedGlobal(WEFT_SHADOW_REGIONS_SYMBOL))
    return GV;
  Type *Table = ArrayType::get(PointerType::getUnqual(M.getContext()),
                               uint64_t(1) << WEFT_REGION_INDEX_BITS);
  return new GlobalVariable(M, Table, /*isConstant=*/false, GlobalValue::ExternalLinkage,
                            nullptr, WEFT_SHADOW_REGIONS_SYMBOL);
}

} // namespace

bool canInlineAccessCheck(uint64_t Size, uint64_t Alignment) {
  return (Size == 1 || Size == 2 || Size == 4 || Size == 8) && Alignment >= Size;
}

void emitInlineAccessCheck(Instruction *Access, Value *Ptr, unsigned Size, bool IsWrite,
                           FunctionCallee SlowEntryPoint, const DebugLoc &Loc) {
  BasicBlock *Head = Access->getParent();
  Function &F = *Head->getParent();
  Module &M = *F.getParent();
  LLVMContext &C = M.getContext();
  Type *PtrTy = PointerType::getUnqual(C);
  Type *I8 = Type::getInt8Ty(C), *I32 = Type::getInt32Ty(C), *I64 = Type::getInt64Ty(C);
  MDNode *Unlikely = MDBuilder(C).createBranchWeights(1, 1 << 20);

  // Splitting the entry block would leave the static allocas after the
  // access in a block of their own, where codegen takes them for dynamic
  // ones: they move up first (their operands are constants).
  if (Head->isEntryBlock())
    for (Instruction &I : make_early_inc_range(make_range(Access->getIterator(), Head->end())))
      if (auto *AI = dyn_cast<AllocaInst>(&I); AI && AI->isStaticAlloca())
        AI->moveBefore(Access);
  BasicBlock *Cont = SplitBlock(Head, Access);
  BasicBlock *Check = BasicBlock::Create(C, "weft.check", &F, Cont);
  BasicBlock *Probe = BasicBlock::Create(C, "weft.probe", &F, Cont);
  BasicBlock *Slow = BasicBlock::Create(C, "weft.slow", &F, Cont);
  Head->getTerminator()->eraseFromParent();

  IRBuilder<> B(Head);
  B.SetCurrentDebugLocation(Loc);
  Value *Thr = B.CreateLoad(PtrTy, currentThreadVar(M), "weft.thr");
  B.CreateCondBr(B.CreateIsNull(Thr), Cont, Check, Unlikely);

  B.SetInsertPoint(Check);
  Value *CountdownPtr = B.CreateConstInBoundsGEP1_64(I8, Thr, WEFT_THREAD_COUNTDOWN_OFFSET);
  Value *Left = B.CreateSub(B.CreateLoad(I32, CountdownPtr), B.getInt32(1), "weft.left");
  B.CreateStore(Left, CountdownPtr);
  Value *Addr = B.CreatePtrToInt(Ptr, I64);
  Value *RegionIndex = B.CreateAnd(B.CreateLShr(Addr, WEFT_REGION_SHIFT),
                                   (uint64_t(1) << WEFT_REGION_INDEX_BITS) - 1);
  Value *Region = B.CreateLoad(
      PtrTy, B.CreateInBoundsGEP(PtrTy, shadowRegionsVar(M), RegionIndex), "weft.region");
  Value *PointDue = B.CreateICmpEQ(Left, B.getInt32(0));
  B.CreateCondBr(B.CreateOr(PointDue, B.CreateIsNull(Region)), Slow, Probe, Unlikely);

  B.SetInsertPoint(Probe);
  constexpr unsigned GranuleShift = __builtin_ctz(WEFT_GRANULE_BYTES);
  Value *GranuleIndex =
      B.CreateAnd(B.CreateLShr(Addr, GranuleShift),
                  (uint64_t(1) << (WEFT_REGION_SHIFT - GranuleShift)) - 1);
  Value *Shadow =
      B.CreateInBoundsGEP(I8, Region, B.CreateMul(GranuleIndex, B.getInt64(WEFT_GRANULE_SHADOW_BYTES)));
  Value *Slot = B.CreateLoad(I64, Shadow, "weft.slot");
  Value *SlotBase = B.CreateLoad(
      I64, B.CreateConstInBoundsGEP1_64(I8, Thr, WEFT_THREAD_SLOT_BASE_OFFSET), "weft.base");
  // The bytes accessed: aligned, so within one granule.
  uint64_t SizeMask = (uint64_t(1) << Size) - 1;
  Value *Mask = Size == WEFT_GRANULE_BYTES
                    ? static_cast<Value *>(B.getInt64(SizeMask))
                    : B.CreateShl(B.getInt64(SizeMask),
                                  B.CreateAnd(Addr, WEFT_GRANULE_BYTES - 1));
  Value *Bits = B.CreateShl(Mask, WEFT_SLOT_MASK_SHIFT);
  if (IsWrite)
    Bits = B.CreateOr(Bits, B.getInt64(uint64_t(1) << WEFT_SLOT_WRITE_BIT));
  Value *Cur = B.CreateOr(SlotBase, Bits);
  Value *Differs = B.CreateAnd(B.CreateXor(Slot, Cur), B.CreateOr(Bits, B.getInt64(kSameBits)));
  Value *Miss = B.CreateICmpNE(Differs, B.getInt64(0), "weft.miss");
  B.CreateCondBr(Miss, Slow, Cont, Unlikely);

  B.SetInsertPoint(Slow);
  B.CreateCall(SlowEntryPoint, {Ptr});
  B.CreateBr(Cont);
}

} // namespace weft
