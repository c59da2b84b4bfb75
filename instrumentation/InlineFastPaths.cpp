//===- InlineFastPaths.cpp - The runtime's fast paths, inlined -----------===//
//
// Each inline path starts the same way: the block is split before the
// instrumented instruction, and a head loads the running thread. The
// pointer is never null: a thread weft does not schedule has a dormant
// stand-in (weft/shadow_layout.h, WEFT_INLINE_THREAD_SYMBOL) whose slow
// paths all return, so no path tests for "no thread".
//
// The block of an access becomes
//
//   head:   %thr = load @__weft_inline_thread              ; TLS, never null
//           br check
//   check:  %left = countdown(%thr) - 1; store %left
//           %region = load @__weft_shadow_regions[addr >> 25]   ; 32 MiB regions
//           br (%left == 0 | %region == null), slow, probe
//   probe:  %slot = load i64 %region[(addr >> 3) * 16]
//           %cur = slotbase(%thr) | bits       ; bits: mask << 54 | write bit
//           br ((%slot ^ %cur) & (same | bits)) != 0, slow, cont
//   slow:   call @__weft_read8_slow(ptr, @weft.site.N)     ; the whole check
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
// Each inlined access has a site flag of its own, a byte the pass allocates
// (weft/shadow_layout.h, WEFT_SITE_*; an access called out of line has one
// too, handed to __weft_read8 and friends): 0 until the runtime first sees
// the site, then 1 (quiet) or 2 (a race-directed scheduling point,
// racy_sites=). The check does not read it: the slow path receives the
// flag's address, and a run with racy sites keeps the countdown at 1, so a
// site that raced in an earlier schedule reaches the runtime on every
// execution, already recorded or not.
//
// The slot test is the runtime's (access.cc, alreadyRecorded): the slot
// must equal the access in every bit outside the mask and write bits
// ("same"), and hold each mask and write bit the access holds. Both say
// that a bit where they differ must be one the access does not hold, in
// the mask and write fields: (slot ^ cur) & (same | bits) == 0.
//
// Function entry and exit are ShadowStack::push and pop (shadow_stack.h):
//
//   push:   %d = depth(%thr); %slot = &pcs(%thr)[min(%d, frames)]
//           store pc, %slot; barrier; store %d + 1; barrier; store pc, %slot
//   pop:    br (low(%thr) >= depth(%thr)), pop.slow, lower
//   lower:  store depth - 1                ; pop.slow: call @__weft_func_exit
//
//===----------------------------------------------------------------------===//

#include "InlineFastPaths.h"
#include "RuntimeCall.h"

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

MDNode *unlikely(LLVMContext &C) { return MDBuilder(C).createBranchWeights(1, 1 << 20); }

/// The slot bits outside the byte mask and the write bit.
constexpr uint64_t kSameBits = ~(uint64_t(0xff) << WEFT_SLOT_MASK_SHIFT |
                                 uint64_t(1) << WEFT_SLOT_WRITE_BIT);

/// The runtime's state the check reads, declared on first use. The thread
/// pointer is initial-exec TLS: the runtime lives in the executable, and any
/// object file, even one compiled as PIE, may be linked into a shared
/// library, where only initial-exec can reach it. Linking an executable,
/// the linker turns it into local-exec (an immediate offset).
GlobalVariable *currentThreadVar(Module &M) {
  if (GlobalVariable *GV = M.getNamedGlobal(WEFT_INLINE_THREAD_SYMBOL))
    return GV;
  return new GlobalVariable(M, PointerType::getUnqual(M.getContext()), /*isConstant=*/false,
                            GlobalValue::ExternalLinkage, nullptr,
                            WEFT_INLINE_THREAD_SYMBOL, nullptr,
                            GlobalValue::InitialExecTLSModel);
}

GlobalVariable *shadowRegionsVar(Module &M) {
  if (GlobalVariable *GV = M.getNamedGlobal(WEFT_SHADOW_REGIONS_SYMBOL))
    return GV;
  Type *Table = ArrayType::get(PointerType::getUnqual(M.getContext()),
                               uint64_t(1) << WEFT_REGION_INDEX_BITS);
  return new GlobalVariable(M, Table, /*isConstant=*/false, GlobalValue::ExternalLinkage,
                            nullptr, WEFT_SHADOW_REGIONS_SYMBOL);
}

/// Splits \p Before's block before it and returns the thread pointer,
/// loaded in the head (never null: the dormant stand-in when weft does not
/// schedule the thread); the head branches to \p Then, which the caller
/// fills and ends with a branch to \p Before, the first instruction of the
/// returned continuation block \p Cont. With \p KnownThr (the thread
/// pointer an earlier inline site loaded, with no call since) it is not
/// loaded again.
struct InlineSite {
  Value *Thr;
  BasicBlock *Cont;
  BasicBlock *Then;
};
InlineSite splitForThread(Instruction *Before, StringRef ThenName, const DebugLoc &Loc,
                          Value *KnownThr = nullptr) {
  BasicBlock *Head = Before->getParent();
  Function &F = *Head->getParent();
  Module &M = *F.getParent();
  LLVMContext &C = M.getContext();
  // Splitting the entry block would leave the static allocas after the
  // split point in a block of their own, where codegen takes them for
  // dynamic ones: they move up first (their operands are constants).
  if (Head->isEntryBlock())
    for (Instruction &I : make_early_inc_range(make_range(Before->getIterator(), Head->end())))
      if (auto *AI = dyn_cast<AllocaInst>(&I); AI && AI->isStaticAlloca())
        AI->moveBefore(Before);
  BasicBlock *Cont = SplitBlock(Head, Before);
  BasicBlock *Then = BasicBlock::Create(C, ThenName, &F, Cont);
  Head->getTerminator()->eraseFromParent();
  IRBuilder<> B(Head);
  B.SetCurrentDebugLocation(Loc);
  Value *Thr = KnownThr ? KnownThr
                        : B.CreateLoad(PointerType::getUnqual(C),
                                       B.CreateThreadLocalAddress(currentThreadVar(M)),
                                       "weft.thr");
  B.CreateBr(Then);
  return {Thr, Cont, Then};
}

} // namespace

bool canInlineAccessCheck(uint64_t Size, uint64_t Alignment) {
  return (Size == 1 || Size == 2 || Size == 4 || Size == 8) && Alignment >= Size;
}

Value *emitInlineAccessCheck(Instruction *Access, Value *Ptr, unsigned Size, bool IsWrite,
                             FunctionCallee SlowEntryPoint, Value *Site, const DebugLoc &Loc,
                             Value *KnownThr) {
  auto [Thr, Cont, Check] = splitForThread(Access, "weft.check", Loc, KnownThr);
  Function &F = *Cont->getParent();
  Module &M = *F.getParent();
  LLVMContext &C = M.getContext();
  Type *PtrTy = PointerType::getUnqual(C);
  Type *I8 = Type::getInt8Ty(C), *I32 = Type::getInt32Ty(C), *I64 = Type::getInt64Ty(C);
  MDNode *Unlikely = unlikely(C);
  BasicBlock *Probe = BasicBlock::Create(C, "weft.probe", &F, Cont);
  BasicBlock *Slow = BasicBlock::Create(C, "weft.slow", &F, Cont);

  IRBuilder<> B(Check);
  B.SetCurrentDebugLocation(Loc);
  Value *CountdownPtr = B.CreateConstInBoundsGEP1_64(I8, Thr, WEFT_THREAD_COUNTDOWN_OFFSET);
  Value *Left = B.CreateSub(B.CreateLoad(I32, CountdownPtr), B.getInt32(1), "weft.left");
  B.CreateStore(Left, CountdownPtr);
  Value *Addr = B.CreatePtrToInt(Ptr, I64);
  Value *RegionIndex = B.CreateAnd(B.CreateLShr(Addr, WEFT_REGION_SHIFT),
                                   (uint64_t(1) << WEFT_REGION_INDEX_BITS) - 1);
  Value *Region = B.CreateLoad(
      PtrTy, B.CreateInBoundsGEP(PtrTy, shadowRegionsVar(M), RegionIndex), "weft.region");
  Value *PointDue = B.CreateICmpEQ(Left, B.getInt32(0));
  // The site flag is not read here: a run with race-directed points keeps
  // the countdown at 1, so every access comes through PointDue.
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
  // An access the IR calls aligned but that is not (undefined behaviour)
  // must not spill its mask into the write and atomic bits. Beyond that the
  // check trusts the IR's alignment, as TSan's does.
  if (Size != 1 && Size != WEFT_GRANULE_BYTES)
    Bits = B.CreateAnd(Bits, B.getInt64(uint64_t(0xff) << WEFT_SLOT_MASK_SHIFT));
  if (IsWrite)
    Bits = B.CreateOr(Bits, B.getInt64(uint64_t(1) << WEFT_SLOT_WRITE_BIT));
  Value *Cur = B.CreateOr(SlotBase, Bits);
  Value *Differs = B.CreateAnd(B.CreateXor(Slot, Cur), B.CreateOr(Bits, B.getInt64(kSameBits)));
  Value *Miss = B.CreateICmpNE(Differs, B.getInt64(0), "weft.miss");
  B.CreateCondBr(Miss, Slow, Cont, Unlikely);

  B.SetInsertPoint(Slow);
  callRuntime(B, SlowEntryPoint, {Ptr, Site});
  B.CreateBr(Cont);
  return Thr;
}

void emitSitePoint(Instruction *Access, Value *Ptr, ArrayRef<GlobalVariable *> Flags,
                   FunctionCallee SitePoint, const DebugLoc &Loc) {
  BasicBlock *Head = Access->getParent();
  Function &F = *Head->getParent();
  LLVMContext &C = F.getContext();
  if (Head->isEntryBlock())
    for (Instruction &I : make_early_inc_range(make_range(Access->getIterator(), Head->end())))
      if (auto *AI = dyn_cast<AllocaInst>(&I); AI && AI->isStaticAlloca())
        AI->moveBefore(Access);
  BasicBlock *Cont = SplitBlock(Head, Access);
  BasicBlock *Point = BasicBlock::Create(C, "weft.site.point", &F, Cont);
  Head->getTerminator()->eraseFromParent();
  IRBuilder<> B(Head);
  B.SetCurrentDebugLocation(Loc);
  Value *Due = nullptr;
  for (GlobalVariable *Flag : Flags) {
    Value *Site = B.CreateLoad(Type::getInt8Ty(C), Flag, "weft.site");
    Value *Is = B.CreateICmpEQ(Site, B.getInt8(WEFT_SITE_POINT));
    Due = Due ? B.CreateOr(Due, Is) : Is;
  }
  B.CreateCondBr(Due, Point, Cont, unlikely(C));
  B.SetInsertPoint(Point);
  callRuntime(B, SitePoint, {Ptr});
  B.CreateBr(Cont);
}

void emitInlineFuncEntry(Instruction *Before, Value *CallerPc, const DebugLoc &Loc) {
  auto [Thr, Cont, Push] = splitForThread(Before, "weft.push", Loc);
  LLVMContext &C = Cont->getContext();
  Type *I8 = Type::getInt8Ty(C), *I32 = Type::getInt32Ty(C);
  IRBuilder<> B(Push);
  B.SetCurrentDebugLocation(Loc);
  Value *Pcs = B.CreateLoad(
      PointerType::getUnqual(C), B.CreateConstInBoundsGEP1_64(I8, Thr, WEFT_THREAD_STACK_PCS_OFFSET),
      "weft.pcs");
  Value *DepthPtr = B.CreateConstInBoundsGEP1_64(I8, Thr, WEFT_THREAD_STACK_DEPTH_OFFSET);
  Value *Depth = B.CreateLoad(I32, DepthPtr, "weft.depth");
  // Frames past the array all share its spare last slot.
  Value *Index = B.CreateSelect(B.CreateICmpULT(Depth, B.getInt32(WEFT_STACK_FRAMES)), Depth,
                                B.getInt32(WEFT_STACK_FRAMES));
  Value *Slot = B.CreateInBoundsGEP(B.getInt64Ty(), Pcs, B.CreateZExt(Index, B.getInt64Ty()));
  Value *Pc = B.CreatePtrToInt(CallerPc, B.getInt64Ty());
  // The pc, the depth, the pc again, with compiler barriers between: as
  // ShadowStack::push, so that a signal handler's frames cannot end up
  // under this one's pc.
  B.CreateStore(Pc, Slot);
  B.CreateFence(AtomicOrdering::SequentiallyConsistent, SyncScope::SingleThread);
  B.CreateStore(B.CreateAdd(Depth, B.getInt32(1)), DepthPtr);
  B.CreateFence(AtomicOrdering::SequentiallyConsistent, SyncScope::SingleThread);
  B.CreateStore(Pc, Slot);
  B.CreateBr(Cont);
}

void emitInlineFuncExit(Instruction *Before, FunctionCallee FuncExit, const DebugLoc &Loc) {
  auto [Thr, Cont, Pop] = splitForThread(Before, "weft.pop", Loc);
  Function &F = *Cont->getParent();
  LLVMContext &C = F.getContext();
  Type *I8 = Type::getInt8Ty(C), *I32 = Type::getInt32Ty(C);
  BasicBlock *Lower = BasicBlock::Create(C, "weft.lower", &F, Cont);
  BasicBlock *Slow = BasicBlock::Create(C, "weft.pop.slow", &F, Cont);
  IRBuilder<> B(Pop);
  B.SetCurrentDebugLocation(Loc);
  Value *DepthPtr = B.CreateConstInBoundsGEP1_64(I8, Thr, WEFT_THREAD_STACK_DEPTH_OFFSET);
  Value *Depth = B.CreateLoad(I32, DepthPtr, "weft.depth");
  Value *Low = B.CreateLoad(
      I32, B.CreateConstInBoundsGEP1_64(I8, Thr, WEFT_THREAD_STACK_LOW_OFFSET), "weft.low");
  // Down to the low mark (or an exit without an entry): the runtime's pop.
  B.CreateCondBr(B.CreateICmpUGE(Low, Depth), Slow, Lower, unlikely(C));
  B.SetInsertPoint(Lower);
  B.CreateStore(B.CreateSub(Depth, B.getInt32(1)), DepthPtr);
  B.CreateBr(Cont);
  B.SetInsertPoint(Slow);
  callRuntime(B, FuncExit);
  B.CreateBr(Cont);
}

} // namespace weft
