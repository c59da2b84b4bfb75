//===- RedundantChecks.cpp - Checks that other checks imply ---------------===//
//
// Between two instructions that may synchronize, the running thread's epoch
// is fixed, so a check of an access leaves in the shadow a record that any
// conflicting access of another thread meets, for the rest of that stretch.
// Two consequences (docs/design.md, "The pass"):
//
//   repeat:             a read after a check of the same bytes (read or
//                       write), a write after a write: the first record
//                       stands for the second access;
//   read before write:  a read that is followed, on every path, by a write
//                       of at least the same bytes: whatever races with the
//                       read races with the write (a race needs a write on
//                       one side), and the write's check finds it.
//
// A stretch used to end at every call; it now ends only at calls that may
// synchronize: LLVM's `nosync` (FunctionAttrs proves it bottom-up from the
// bodies it sees; no library declaration has it) says the callee neither
// uses an atomic ordering stronger than monotonic nor calls anything that
// might. weft starts a new epoch only at a release (an unlock, a release
// atomic or fence, a thread's creation, ...), never inside such a callee.
// And a stretch now runs across blocks: a fact holds at a block's entry
// when it holds at the end of every predecessor (an available-expressions
// meet, with the weaker of the two claims kept), or, for later writes, at
// the start of every successor.
//
// Facts never cross a back edge: the blocks are visited once, in reverse
// post-order (post-order for later writes), and a block with a predecessor
// (successor) not yet visited starts empty. That keeps the analysis to one
// pass, and it matters for soundness: an SSA pointer defined in a loop
// names a different address in each iteration.
//
//===----------------------------------------------------------------------===//

#include "RedundantChecks.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

#include <algorithm>

using namespace llvm;

namespace weft {

bool maySynchronize(const Instruction &I) {
  if (I.isAtomic() || isa<FenceInst>(I))
    return true;
  const auto *CB = dyn_cast<CallBase>(&I);
  if (!CB || isa<IntrinsicInst>(CB))
    return false;
  if (CB->isInlineAsm() || CB->hasFnAttr(Attribute::ReturnsTwice))
    return true;
  return !CB->hasFnAttr(Attribute::NoSync);
}

bool mayEndEpochOrPath(const Instruction &I) {
  return maySynchronize(I) || !isGuaranteedToTransferExecutionToSuccessor(&I);
}

namespace {

// Bounds that keep the analysis linear in the function's size: a stretch
// with more distinct checked pointers than this forgets the newest, and a
// fact that needs more covers than this (one per path into a merge) is
// dropped. Both only keep checks.
constexpr unsigned kMaxFacts = 16;
constexpr unsigned kMaxCovers = 4;

/// "Checked in this epoch: Size bytes at Ptr, as a write or a read", with
/// the checks that did it (one per path that reaches here).
struct Fact {
  const Value *Ptr;
  uint64_t Size;
  bool IsWrite;
  SmallVector<Instruction *, 2> Covers;
};
using Facts = SmallVector<Fact, 8>;

bool implies(const Fact &Have, const Value *Ptr, uint64_t Size, bool IsWrite) {
  return Have.Ptr == Ptr && Have.Size >= Size && (Have.IsWrite || !IsWrite);
}

/// What holds on every one of \p Ins: each fact of the first, weakened to
/// what each other set has for the same pointer (fewer bytes, a read for a
/// write), or dropped when another set has nothing for it.
Facts meet(ArrayRef<const Facts *> Ins) {
  Facts Out;
  if (Ins.empty())
    return Out;
  for (const Fact &F : *Ins.front()) {
    Fact M = F;
    bool Holds = true;
    for (const Facts *Other : Ins.drop_front()) {
      const Fact *Best = nullptr;
      for (const Fact &G : *Other) {
        if (G.Ptr != M.Ptr)
          continue;
        if (implies(G, M.Ptr, M.Size, M.IsWrite)) {
          Best = &G;
          break;
        }
        if (!Best)
          Best = &G;
      }
      if (!Best) {
        Holds = false;
        break;
      }
      M.Size = std::min(M.Size, Best->Size);
      M.IsWrite = M.IsWrite && Best->IsWrite;
      for (Instruction *C : Best->Covers)
        if (!is_contained(M.Covers, C))
          M.Covers.push_back(C);
      if (M.Covers.size() > kMaxCovers) {
        Holds = false;
        break;
      }
    }
    if (Holds)
      Out.push_back(std::move(M));
  }
  return Out;
}

struct Described {
  const Value *Ptr;
  uint64_t Size; // 0: scalable, never elided
  bool IsWrite;
};

Described describe(Instruction &I, const DataLayout &DL) {
  TypeSize Size = DL.getTypeStoreSize(getLoadStoreType(&I));
  return {getLoadStorePointerOperand(&I)->stripPointerCasts(),
          Size.isScalable() ? 0 : Size.getFixedValue(), isa<StoreInst>(I)};
}

} // namespace

SmallVector<RedundantCheck, 8> findRedundantChecks(Function &F, ArrayRef<Instruction *> Accesses,
                                                   const DataLayout &DL) {
  SmallVector<RedundantCheck, 8> Found;
  if (Accesses.empty())
    return Found;
  SmallPtrSet<const Instruction *, 32> Chosen(Accesses.begin(), Accesses.end());
  SmallPtrSet<const Instruction *, 16> Skipped;

  // Later writes, block by block from the exits backwards. A block whose
  // successor is not visited yet (a back edge) or that has none starts
  // empty.
  DenseMap<const BasicBlock *, Facts> LaterAtEntry;
  for (BasicBlock *BB : post_order(&F)) {
    SmallVector<const Facts *, 4> Ins;
    bool AllSeen = true;
    for (BasicBlock *Succ : successors(BB)) {
      auto It = LaterAtEntry.find(Succ);
      if (It == LaterAtEntry.end()) {
        AllSeen = false;
        break;
      }
      Ins.push_back(&It->second);
    }
    Facts Cur = AllSeen ? meet(Ins) : Facts();
    for (Instruction &I : reverse(*BB)) {
      // The write must happen: nothing between may synchronize, throw or
      // stay forever.
      if (mayEndEpochOrPath(I)) {
        Cur.clear();
        continue;
      }
      if (!Chosen.count(&I))
        continue;
      Described A = describe(I, DL);
      if (A.Size == 0)
        continue;
      if (A.IsWrite) {
        if (Cur.size() < kMaxFacts)
          Cur.push_back(Fact{A.Ptr, A.Size, true, {&I}});
        continue;
      }
      auto Cover = find_if(Cur, [&](const Fact &W) { return implies(W, A.Ptr, A.Size, true); });
      if (Cover != Cur.end()) {
        Skipped.insert(&I);
        Found.push_back({&I, Cover->Covers, /*ReadBeforeWrite=*/true});
      }
    }
    LaterAtEntry[BB] = std::move(Cur);
  }

  // Checks already made, block by block from the entry. A skipped read is
  // no check: it neither covers nor is covered again.
  DenseMap<const BasicBlock *, Facts> CheckedAtExit;
  ReversePostOrderTraversal<Function *> RPOT(&F);
  for (BasicBlock *BB : RPOT) {
    SmallVector<const Facts *, 4> Ins;
    bool AllSeen = true;
    for (BasicBlock *Pred : predecessors(BB)) {
      auto It = CheckedAtExit.find(Pred);
      if (It == CheckedAtExit.end()) {
        AllSeen = false;
        break;
      }
      Ins.push_back(&It->second);
    }
    Facts Cur = AllSeen ? meet(Ins) : Facts();
    for (Instruction &I : *BB) {
      if (maySynchronize(I)) {
        Cur.clear();
        continue;
      }
      if (!Chosen.count(&I) || Skipped.count(&I))
        continue;
      Described A = describe(I, DL);
      if (A.Size == 0)
        continue;
      auto Cover =
          find_if(Cur, [&](const Fact &P) { return implies(P, A.Ptr, A.Size, A.IsWrite); });
      if (Cover != Cur.end()) {
        Skipped.insert(&I);
        Found.push_back({&I, Cover->Covers, /*ReadBeforeWrite=*/false});
        continue;
      }
      if (Cur.size() < kMaxFacts)
        Cur.push_back(Fact{A.Ptr, A.Size, A.IsWrite, {&I}});
    }
    CheckedAtExit[BB] = std::move(Cur);
  }
  return Found;
}

} // namespace weft
