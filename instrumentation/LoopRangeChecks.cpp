//===- LoopRangeChecks.cpp - One range check for a loop's sweep ----------===//
//
// See LoopRangeChecks.h for what may be hoisted and why it is exact.
//
// A pending check is a byte range [Begin, Begin + Len) as SCEVs, the block
// it would execute in, and the innermost loop around that block. Lifting it
// out of loop L (trip count BTC + 1) turns
//   - a range invariant in L into the same range, checked once;
//   - Begin = {Start,+,Step}<L> with |Step| <= Len (no gap between
//     iterations) into [Start, Start + |Step| * BTC + Len), shifted down by
//     |Step| * BTC when the loop walks backwards,
// placed in L's preheader, which then lives in L's parent loop, where the
// next level may lift it again.
//
//===----------------------------------------------------------------------===//

#include "LoopRangeChecks.h"
#include "RedundantChecks.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

#define DEBUG_TYPE "weft"

using namespace llvm;

STATISTIC(NumHoistedLoopChecks, "Loop accesses checked once as a range before the loop");

namespace weft {

namespace {

struct Pending {
  const SCEV *Begin;
  const SCEV *Len;
  BasicBlock *Block;
  Loop *In;
};

class Hoister {
public:
  Hoister(ScalarEvolution &SE, DominatorTree &DT, const DataLayout &DL)
      : SE(SE), DT(DT), DL(DL), Expander(SE, DL, "weft.range") {}

  /// Lifts \p P out of as many loops as it can; true if out of at least one.
  bool liftAll(Pending &P) {
    bool Lifted = false;
    while (P.In && liftOnce(P)) // changes P only when it lifts
      Lifted = true;
    return Lifted;
  }

  RangeCheck emit(const Pending &P, bool IsWrite, Instruction *Access) {
    Instruction *At = P.Block->getTerminator();
    Value *Begin = Expander.expandCodeFor(P.Begin, PointerType::getUnqual(At->getContext()), At);
    Value *Bytes = Expander.expandCodeFor(P.Len, Type::getInt64Ty(At->getContext()), At);
    return RangeCheck{At, Begin, Bytes, IsWrite, Access};
  }

private:
  /// The loop's backedge-taken count if one range check can stand for its
  /// iterations, else null.
  const SCEV *tripInfo(Loop *L) {
    auto [It, New] = Eligible.try_emplace(L, nullptr);
    if (!New)
      return It->second;
    BasicBlock *Latch = L->getLoopLatch();
    if (!L->getLoopPreheader() || !Latch || L->getExitingBlock() != Latch)
      return nullptr;
    // One epoch for the whole loop, and every iteration runs to the latch:
    // a call may stay if it is nosync and returns (a callee that exits or
    // throws would leave bytes the range claims unaccessed).
    for (BasicBlock *BB : L->blocks())
      for (Instruction &I : *BB)
        if (mayEndEpochOrPath(I))
          return nullptr;
    const SCEV *BTC = SE.getBackedgeTakenCount(L);
    if (isa<SCEVCouldNotCompute>(BTC))
      return nullptr;
    It->second = SE.getTruncateOrZeroExtend(BTC, Type::getInt64Ty(L->getHeader()->getContext()));
    return It->second;
  }

  bool liftOnce(Pending &P) {
    Loop *L = P.In;
    const SCEV *BTC = tripInfo(L);
    // Every iteration must make the access: its block runs before the only
    // exit, which is the latch.
    if (!BTC || !DT.dominates(P.Block, L->getLoopLatch()))
      return false;
    const SCEV *Begin = P.Begin, *Len = P.Len;
    if (!SE.isLoopInvariant(Len, L))
      return false;
    if (!SE.isLoopInvariant(Begin, L)) {
      const auto *AR = dyn_cast<SCEVAddRecExpr>(Begin);
      if (!AR || AR->getLoop() != L || !AR->isAffine() ||
          !SE.isLoopInvariant(AR->getStart(), L))
        return false;
      const SCEV *Step = AR->getStepRecurrence(SE);
      const SCEV *Span; // |Step| * BTC
      if (const auto *C = dyn_cast<SCEVConstant>(Step)) {
        const APInt &S = C->getAPInt();
        const auto *LenC = dyn_cast<SCEVConstant>(Len);
        // Without a gap: consecutive iterations' bytes touch or overlap.
        if (S.isZero() || !LenC || S.abs().ugt(LenC->getAPInt()))
          return false;
        Span = SE.getMulExpr(SE.getConstant(S.abs()), BTC);
        Begin = S.isNegative() ? SE.getMinusSCEV(AR->getStart(), Span) : AR->getStart();
      } else if (Step == Len) {
        // Rows of a 2-D sweep: each outer iteration covers the next Len bytes.
        Span = SE.getMulExpr(SE.getTruncateOrZeroExtend(Step, BTC->getType()), BTC);
        Begin = AR->getStart();
      } else {
        return false;
      }
      Len = SE.getAddExpr(SE.getTruncateOrZeroExtend(Len, BTC->getType()), Span);
    }
    Instruction *At = L->getLoopPreheader()->getTerminator();
    if (!Expander.isSafeToExpandAt(Begin, At) || !Expander.isSafeToExpandAt(Len, At))
      return false;
    P = Pending{Begin, Len, L->getLoopPreheader(), L->getParentLoop()};
    return true;
  }

  ScalarEvolution &SE;
  DominatorTree &DT;
  const DataLayout &DL;
  SCEVExpander Expander;
  DenseMap<Loop *, const SCEV *> Eligible;
};

} // namespace

namespace {

/// An access that could not be lifted alone because its loop steps past the
/// bytes it touches: typically one of the copies an unrolled loop makes,
/// which together cover each step.
struct Stepping {
  Instruction *Access;
  const SCEV *Start;
  uint64_t Size;
};

} // namespace

SmallVector<RangeCheck, 4> hoistLoopChecks(Function &F,
                                           SmallVectorImpl<Instruction *> &Accesses,
                                           LoopInfo &LI, ScalarEvolution &SE,
                                           DominatorTree &DT, const DataLayout &DL) {
  SmallVector<RangeCheck, 4> Checks;
  if (LI.empty())
    return Checks;
  // Late in the pipeline a loop entered from the exit of the loop before
  // it may have lost its preheader; a check there would run on every
  // iteration of the other loop, so give it one. Done before the first
  // SCEV query: scalar evolution is computed lazily.
  for (Loop *L : LI.getLoopsInPreorder())
    if (!L->getLoopPreheader())
      InsertPreheaderForLoop(L, &DT, &LI, /*MSSAU=*/nullptr, /*PreserveLCSSA=*/false);
  Hoister H(SE, DT, DL);
  Type *I64 = Type::getInt64Ty(F.getContext());
  // Decide everything before expanding anything: expansion adds code the
  // analyses have not seen.
  SmallVector<std::pair<Pending, Instruction *>, 8> ToEmit;
  SmallPtrSet<Instruction *, 16> Hoisted;
  // Same loop, same kind, same constant step: candidates to merge.
  MapVector<std::tuple<Loop *, unsigned, int64_t>, SmallVector<Stepping, 4>> Groups;
  for (Instruction *I : Accesses) {
    Loop *L = LI.getLoopFor(I->getParent());
    if (!L)
      continue;
    bool Volatile = isa<LoadInst>(I) ? cast<LoadInst>(I)->isVolatile()
                                     : cast<StoreInst>(I)->isVolatile();
    TypeSize Size = DL.getTypeStoreSize(getLoadStoreType(I));
    Value *Ptr = getLoadStorePointerOperand(I);
    if (Volatile || Size.isScalable() || Ptr->getType()->getPointerAddressSpace() != 0)
      continue;
    const SCEV *Begin = SE.getSCEV(Ptr);
    Pending P{Begin, SE.getConstant(I64, Size.getFixedValue()), I->getParent(), L};
    if (H.liftAll(P)) {
      ToEmit.push_back({P, I});
      Hoisted.insert(I);
      continue;
    }
    const auto *AR = dyn_cast<SCEVAddRecExpr>(Begin);
    const auto *Step = AR ? dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE)) : nullptr;
    if (Step && AR->getLoop() == L && AR->isAffine() &&
        Step->getAPInt().getSignificantBits() <= 64 &&
        DT.dominates(I->getParent(), L->getLoopLatch()))
      Groups[{L, unsigned(isa<StoreInst>(I)), Step->getAPInt().getSExtValue()}].push_back(
          {I, AR->getStart(), Size.getFixedValue()});
  }
  // Within a group, accesses at constant offsets from the first whose bytes
  // together cover a whole step without a hole stand for one sweep.
  for (auto &[Key, Members] : Groups) {
    auto [L, IsWrite, Step] = Key;
    if (Members.size() < 2)
      continue;
    const SCEV *Ref = Members[0].Start;
    SmallVector<std::pair<int64_t, Stepping>, 4> ByOffset;
    for (const Stepping &M : Members) {
      const auto *Off = dyn_cast<SCEVConstant>(SE.getMinusSCEV(M.Start, Ref));
      if (Off && Off->getAPInt().getSignificantBits() <= 64)
        ByOffset.push_back({Off->getAPInt().getSExtValue(), M});
    }
    llvm::sort(ByOffset, [](const auto &A, const auto &B) { return A.first < B.first; });
    if (ByOffset.size() < 2)
      continue;
    int64_t Lo = ByOffset.front().first, Hi = Lo;
    bool Contiguous = true;
    for (const auto &[Off, M] : ByOffset) {
      if (Off > Hi) {
        Contiguous = false;
        break;
      }
      Hi = std::max<int64_t>(Hi, Off + int64_t(M.Size));
    }
    uint64_t AbsStep = Step < 0 ? uint64_t(-Step) : uint64_t(Step);
    if (!Contiguous || AbsStep > uint64_t(Hi - Lo))
      continue;
    const SCEV *Start = SE.getAddExpr(Ref, SE.getConstant(I64, Lo, /*isSigned=*/true));
    const SCEV *Begin = SE.getAddRecExpr(Start, SE.getConstant(I64, Step, true), L,
                                         SCEV::FlagAnyWrap);
    Pending P{Begin, SE.getConstant(I64, Hi - Lo), ByOffset.front().second.Access->getParent(), L};
    if (!H.liftAll(P))
      continue;
    ToEmit.push_back({P, ByOffset.front().second.Access});
    for (const auto &[Off, M] : ByOffset)
      Hoisted.insert(M.Access);
  }
  NumHoistedLoopChecks += Hoisted.size();
  erase_if(Accesses, [&](Instruction *I) { return Hoisted.count(I); });
  for (auto &[P, I] : ToEmit)
    Checks.push_back(H.emit(P, isa<StoreInst>(I), I));
  return Checks;
}

} // namespace weft
