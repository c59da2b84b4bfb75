//===- WeftInstrumentation.cpp - The weft instrumentation pass ------------===//
//
// Inserts calls to weft's runtime before every access that may race. The
// program's own instructions are never replaced: the runtime observes (and
// schedules) around them, which keeps the pass independent of what the
// instructions compute and keeps atomics exactly as the program wrote them.
//
//===----------------------------------------------------------------------===//

#include "WeftInstrumentation.h"

#include "InlineFastPaths.h"
#include "LoopRangeChecks.h"
#include "RaceFreeAccess.h"
#include "RedundantChecks.h"
#include "RuntimeCall.h"

#include "weft/shadow_layout.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/AtomicOrdering.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Transforms/Utils/EscapeEnumerator.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <initializer_list>

#define DEBUG_TYPE "weft"

using namespace llvm;

static cl::opt<bool>
    ClInstrumentMemoryAccesses("weft-instrument-memory-accesses",
                               cl::init(true), cl::Hidden,
                               cl::desc("Instrument plain loads and stores"));
static cl::opt<bool>
    ClInstrumentAtomics("weft-instrument-atomics", cl::init(true), cl::Hidden,
                        cl::desc("Instrument atomic accesses and fences"));
static cl::opt<bool> ClInstrumentMemIntrinsics(
    "weft-instrument-memintrinsics", cl::init(true), cl::Hidden,
    cl::desc("Instrument llvm.memcpy, llvm.memmove and llvm.memset"));
static cl::opt<bool>
    ClInstrumentFuncEntryExit("weft-instrument-func-entry-exit", cl::init(true),
                              cl::Hidden,
                              cl::desc("Instrument function entry and exit"));
static cl::opt<bool> ClElideRedundant(
    "weft-elide-redundant", cl::init(true), cl::Hidden,
    cl::desc("Skip reads that a write to the same address follows on every "
             "path, and accesses repeated on every path, with nothing that "
             "may synchronize between (calls of nosync functions do not)"));
static cl::opt<bool> ClHoistLoopChecks(
    "weft-hoist-loop-checks", cl::init(true), cl::Hidden,
    cl::desc("Check a loop's sweep of memory once, as a range, before a loop "
             "that cannot synchronize and whose trip count is known"));
static cl::opt<bool> ClInlineFastPaths(
    "weft-inline-fast-paths", cl::init(true), cl::Hidden,
    cl::desc("Inline the runtime's fast paths: the check of an aligned "
             "access the thread already recorded in this epoch, and "
             "function entry and exit"));
static cl::opt<unsigned> ClInlineSmallFunction(
    "weft-inline-small-function", cl::init(200), cl::Hidden,
    cl::desc("Inline the fast path of every access only in functions of "
             "at most this many instructions; in larger ones only accesses "
             "in small innermost loops (-weft-inline-loop-size) are inlined, "
             "and the others call the runtime. Bounds the code, and the "
             "compile time, that large functions grow by"));
static cl::opt<unsigned> ClInlineLoopSize(
    "weft-inline-loop-size", cl::init(64), cl::Hidden,
    cl::desc("In functions larger than -weft-inline-small-function, inline "
             "the fast path only of accesses in innermost loops of at most "
             "this many instructions; the others make a register-preserving "
             "call. Bounds the code, and the compile time, that large "
             "functions grow by"));
static cl::opt<unsigned> ClInlineBudget(
    "weft-inline-budget", cl::init(8192), cl::Hidden,
    cl::desc("IR instructions of inline fast paths one module may grow by "
             "(functions in ascending size order take their share whole, or "
             "call the runtime): bounds what inlining adds to a large "
             "file's compile time"));
static cl::opt<bool> ClHandleCxxExceptions(
    "weft-handle-cxx-exceptions", cl::init(true), cl::Hidden,
    cl::desc("Call func_exit on paths that unwind through a function"));

STATISTIC(NumInstrumentedReads, "Plain reads instrumented");
STATISTIC(NumInstrumentedWrites, "Plain writes instrumented");
STATISTIC(NumInstrumentedRanges, "Accesses instrumented as ranges");
STATISTIC(NumInlineChecks, "Accesses whose fast path is inlined");
STATISTIC(NumCalledWithSite, "Accesses called out of line with a site flag");
STATISTIC(NumSiteFlags, "Site flags (race-directed scheduling points) allocated");
STATISTIC(NumCalledOutsideLoops,
          "Accesses of large functions outside small innermost loops (they call the runtime)");
STATISTIC(NumOverBudget,
          "Accesses the rules picked for the inline path, over the module's budget");
STATISTIC(NumInstrumentedAtomics, "Atomic operations instrumented");
STATISTIC(NumInstrumentedMemIntrinsics, "Memory intrinsics instrumented");
STATISTIC(NumMemIntrinsicsReplaced,
          "Memory intrinsics replaced by a runtime call that checks and does them");
STATISTIC(NumInstrumentedFunctions, "Functions given entry/exit calls");
STATISTIC(NumSkippedSingleThreadAtomics,
          "Atomics skipped: syncscope(\"singlethread\") (compiler barrier)");
STATISTIC(NumSkippedEmptyAccesses, "Accesses skipped: zero-sized type");
STATISTIC(NumInstrumentedVptrAccesses, "Vtable-pointer loads and stores instrumented");
STATISTIC(NumElidedReadsBeforeWrite,
          "Reads skipped: every path from them writes the same bytes");
STATISTIC(NumElidedRepeats,
          "Accesses skipped: an earlier check covers them on every path");
STATISTIC(NumElidedSitePoints,
          "Skipped accesses that keep a race-directed point (their cover's site flag)");
// Known limitation (docs/limits.md): masked loads/stores, gathers, scatters,
// expand-loads and compress-stores touch a data-dependent subset of lanes. The
// runtime has no per-lane entry point yet, so they are counted, not checked.
STATISTIC(NumSkippedMaskedIntrinsics,
          "Masked/gather/scatter intrinsics left uninstrumented (limitation)");

namespace weft {

WeftOptions WeftOptions::fromCommandLine() {
  WeftOptions O;
  O.MemoryAccesses = ClInstrumentMemoryAccesses;
  O.Atomics = ClInstrumentAtomics;
  O.MemIntrinsics = ClInstrumentMemIntrinsics;
  O.FuncEntryExit = ClInstrumentFuncEntryExit;
  O.ElideRedundant = ClElideRedundant;
  O.HoistLoopChecks = ClHoistLoopChecks;
  O.CxxExceptions = ClHandleCxxExceptions;
  O.InlineFastPaths = ClInlineFastPaths;
  O.InlineSmallFunction = ClInlineSmallFunction;
  O.InlineLoopSize = ClInlineLoopSize;
  O.InlineBudget = ClInlineBudget;
  return O;
}

namespace {

constexpr char ModuleCtorName[] = "weft.module_ctor";
constexpr char RuntimePrefix[] = "__weft_";

/// The runtime's entry points, declared in the module from the one list in
/// runtime_callbacks.def. Member names are the .def names (`read4`, ...).
struct RuntimeCallbacks {
#define WEFT_CALLBACK(Name, Ret, Params) FunctionCallee Name;
#include "weft/runtime_callbacks.def"

  explicit RuntimeCallbacks(Module &M) {
    LLVMContext &C = M.getContext();
    // Code built for a shared object (-fPIC, not -fPIE) reaches the runtime,
    // which lives in the executable, through the PLT, and glibc's lazy
    // binding resolves the first call in a trampoline that saves only the
    // SysV argument registers (r10 among those it may clobber): such a
    // module keeps the C convention. An executable's calls are direct.
    bool Preserving = M.getPICLevel() == PICLevel::NotPIC ||
                      M.getPIELevel() != PIELevel::Default;
    // The callbacks never throw (the runtime is built without exceptions), so
    // calls to them stay calls, not invokes, and EscapeEnumerator leaves them
    // alone.
    AttributeList Attrs =
        AttributeList().addFnAttribute(C, Attribute::NoUnwind);
    Type *Void = Type::getVoidTy(C);
    Type *Ptr = PointerType::getUnqual(C); // void *
    Type *I32 = Type::getInt32Ty(C);
    Type *I64 = Type::getInt64Ty(C);
#define WEFT_VOID Void
#define WEFT_PTR Ptr
#define WEFT_I32 I32
#define WEFT_I64 I64
#define WEFT_PARAM_LIST(...)                                                   \
  std::initializer_list<Type *> { __VA_ARGS__ }
#define WEFT_CALLBACK(Name, Ret, Params)                                       \
  Name = M.getOrInsertFunction(                                                \
      std::string(RuntimePrefix) + #Name,                                      \
      FunctionType::get(Ret, ArrayRef<Type *>(WEFT_PARAM_LIST Params),         \
                        /*isVarArg=*/false),                                   \
      Attrs);
#define WEFT_PRESERVING_CALLBACK(Name, Ret, Params)                            \
  WEFT_CALLBACK(Name, Ret, Params)                                             \
  if (Preserving)                                                              \
    preserveRegisters(Name);
#include "weft/runtime_callbacks.def"
#undef WEFT_PARAM_LIST
#undef WEFT_VOID
#undef WEFT_PTR
#undef WEFT_I32
#undef WEFT_I64
  }

  /// Gives \p Callee LLVM's preserve_most convention, as the runtime
  /// defines it (runtime_callbacks.def): the call keeps every
  /// general-purpose register but r11, so the code around it needs no
  /// spills and the register allocator no splits, at run time and at
  /// compile time alike. A declaration the module already had (a program
  /// calling the entry point itself) changes with its calls.
  static void preserveRegisters(FunctionCallee Callee) {
    auto *F = dyn_cast<Function>(Callee.getCallee());
    if (!F || F->getCallingConv() == CallingConv::PreserveMost)
      return;
    F->setCallingConv(CallingConv::PreserveMost);
    for (User *U : F->users())
      if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == F)
        CB->setCallingConv(CallingConv::PreserveMost);
  }

  /// The fixed-size entry point for an access of `Bytes`, or null if the size
  /// has none (then the access is reported as a range). With
  /// `AfterInlineCheck`, the slow entry point behind the pass's inline check
  /// (1 to 8 bytes).
  FunctionCallee sized(uint64_t Bytes, bool IsWrite, bool AfterInlineCheck = false) const {
    const FunctionCallee Plain[2][5] = {{read1, read2, read4, read8, read16},
                                        {write1, write2, write4, write8, write16}};
    const FunctionCallee Slow[2][4] = {{read1_slow, read2_slow, read4_slow, read8_slow},
                                       {write1_slow, write2_slow, write4_slow, write8_slow}};
    if (!isPowerOf2_64(Bytes) || Bytes > 16)
      return FunctionCallee();
    unsigned Log = Log2_64(Bytes);
    if (AfterInlineCheck)
      return Log < 4 ? Slow[IsWrite][Log] : FunctionCallee();
    return Plain[IsWrite][Log];
  }
};

/// What one function holds that the pass cares about.
struct Candidates {
  SmallVector<Instruction *, 16> PlainAccesses; // non-atomic load/store
  SmallVector<Instruction *, 8> Atomics; // atomic load/store/rmw/cmpxchg/fence
  SmallVector<MemIntrinsic *, 4> MemIntrinsics;
  SmallVector<RangeCheck, 4> LoopChecks; // accesses hoisted out of loops
  SmallPtrSet<Instruction *, 16> Inline;  // plain accesses checked inline
  /// Accesses elideRedundant skipped, each with the accesses whose checks
  /// cover it: the skipped one keeps a race-directed point, tied to the
  /// covering accesses' site flags (emitSitePoint).
  struct ElidedWindow {
    Instruction *Skipped;
    SmallVector<Instruction *, 2> Covers; // one per path into it
  };
  SmallVector<ElidedWindow, 8> ElidedWindows;
  bool HasCalls = false;
  unsigned Exits = 0; // returns and resumes: the function's exits
};

bool hasLine(const DebugLoc &L) { return L && L.getLine() != 0; }

/// A source line for an instruction the optimizer left without one. LICM
/// gives hoisted loads and sunk stores line 0; a report saying "line 0" is
/// useless, while the statement that uses the loaded value (or computes the
/// stored one) is where the access came from. Falls back to the nearest
/// located instruction in the block.
DebugLoc bestLocation(const Instruction *I) {
  DebugLoc Own = I->getDebugLoc();
  if (hasLine(Own))
    return Own;
  // Breadth-first through the value's users (a hoisted load feeds a phi that
  // feeds the statement) or the stored value's operands (a sunk store stores
  // an LCSSA phi of the statement's result), a few steps deep.
  SmallVector<const Instruction *, 8> Work;
  SmallPtrSet<const Instruction *, 8> Seen;
  auto Push = [&](const Value *V) {
    if (const auto *VI = dyn_cast<Instruction>(V))
      if (Seen.insert(VI).second)
        Work.push_back(VI);
  };
  const auto *SI = dyn_cast<StoreInst>(I);
  if (SI)
    Push(SI->getValueOperand());
  else
    for (const User *U : I->users())
      Push(U);
  for (size_t Next = 0; Next < Work.size() && Next < 16; ++Next) {
    const Instruction *W = Work[Next];
    if (hasLine(W->getDebugLoc()))
      return W->getDebugLoc();
    if (SI) {
      for (const Value *Op : W->operands())
        Push(Op);
    } else {
      for (const User *U : W->users())
        Push(U);
    }
  }
  for (const Instruction *N = I->getNextNode(); N; N = N->getNextNode())
    if (hasLine(N->getDebugLoc()))
      return N->getDebugLoc();
  for (const Instruction *P = I->getPrevNode(); P; P = P->getPrevNode())
    if (hasLine(P->getDebugLoc()))
      return P->getDebugLoc();
  return Own;
}

/// Where an inserted call is attributed: the instrumented instruction's own
/// location (or the best substitute, see bestLocation), or else line 0 of the
/// function, so that a call in a function with debug info always has a
/// location (the runtime symbolizes these calls' return addresses into
/// file:line:col).
void setDebugLocation(IRBuilder<> &IRB, const Function &F, DebugLoc Loc) {
  if (!Loc)
    if (DISubprogram *SP = F.getSubprogram())
      Loc = DILocation::get(SP->getContext(), 0, 0, SP);
  IRB.SetCurrentDebugLocation(Loc);
}

bool isMaskedMemoryIntrinsic(const IntrinsicInst &II) {
  switch (II.getIntrinsicID()) {
  case Intrinsic::masked_load:
  case Intrinsic::masked_store:
  case Intrinsic::masked_gather:
  case Intrinsic::masked_scatter:
  case Intrinsic::masked_expandload:
  case Intrinsic::masked_compressstore:
    return true;
  default:
    return false;
  }
}

bool isSingleThreadScope(const Instruction &I) {
  std::optional<SyncScope::ID> Scope = getAtomicSyncScopeID(&I);
  return Scope && *Scope == SyncScope::SingleThread;
}

uint32_t cOrder(AtomicOrdering Order) {
  return static_cast<uint32_t>(toCABI(Order));
}

class FunctionInstrumenter {
public:
  FunctionInstrumenter(Function &F, const RuntimeCallbacks &RT,
                       const WeftOptions &Options, FunctionAnalysisManager &FAM,
                       uint64_t &InlineBudget)
      : F(F), RT(RT), Options(Options), DL(F.getParent()->getDataLayout()),
        FAM(FAM), InlineBudget(InlineBudget) {}

  /// Returns true if the function changed.
  bool run() {
    SmallFunction = F.getInstructionCount() <= Options.InlineSmallFunction;
    Candidates C = collect();
    choose(C);
    bool Changed = instrument(C);
    if (Changed)
      dropMemoryEffects();
    return Changed;
  }

private:
  Candidates collect() const;
  void choose(Candidates &C);
  void elideRedundant(Candidates &C);
  void chooseInline(Candidates &C);
  bool instrument(const Candidates &C);

  void instrumentPlainAccess(Instruction *I);
  void instrumentAtomic(Instruction *I);
  bool instrumentMemIntrinsic(MemIntrinsic *MI);
  void instrumentEntryExit();
  void emitAccess(IRBuilder<> &IRB, Instruction *Access, Value *Ptr, TypeSize Size,
                  Align Alignment, bool IsWrite);
  void dropMemoryEffects();
  Value *threadKnownAt(Instruction *Access) const;
  GlobalVariable *newSiteFlag(Instruction *Access);

  Function &F;
  const RuntimeCallbacks &RT;
  const WeftOptions &Options;
  const DataLayout &DL;
  FunctionAnalysisManager &FAM;
  RaceFreeAccess RaceFree;
  // What is left of the module's inline budget (chooseInline).
  uint64_t &InlineBudget;
  // At most -weft-inline-small-function instructions before instrumenting:
  // every access and the entry and exits get the inline fast paths.
  bool SmallFunction = false;
  // Whether the entry and exits are inline: a small function's, within
  // the budget.
  bool InlineEntryExit = false;
  // The plain accesses chooseInline picked for the inline fast path.
  const SmallPtrSet<Instruction *, 16> *InlineChosen = nullptr;
  // The site flag of each access of 1 to 8 bytes.
  DenseMap<Instruction *, GlobalVariable *> SiteFlags;
  // The last inline access check and the thread pointer it loaded.
  Instruction *LastInlined = nullptr;
  Value *LastThr = nullptr;
};

/// The thread pointer the last inline check loaded, if \p Access follows it
/// in the same block with no call in between that could change it (calls to
/// the runtime and intrinsics cannot), else null.
Value *FunctionInstrumenter::threadKnownAt(Instruction *Access) const {
  if (!LastInlined || LastInlined->getParent() != Access->getParent())
    return nullptr;
  for (Instruction *I = LastInlined->getNextNode(); I != Access; I = I->getNextNode()) {
    auto *CB = dyn_cast<CallBase>(I);
    if (!CB || isa<IntrinsicInst>(CB))
      continue;
    Function *Callee = CB->getCalledFunction();
    if (!Callee || !Callee->getName().starts_with(RuntimePrefix))
      return nullptr;
  }
  return LastThr;
}

/// A site flag for one access of 1 to 8 bytes, checked inline or called out
/// of line (weft/shadow_layout.h): a
/// private byte, zero-initialized (WEFT_SITE_UNSEEN), written only by the
/// runtime. One global per site rather than one array per module: sites are
/// created function by function, and the linker packs them in .bss anyway.
GlobalVariable *FunctionInstrumenter::newSiteFlag(Instruction *Access) {
  Module &M = *F.getParent();
  Type *I8 = Type::getInt8Ty(M.getContext());
  ++NumSiteFlags;
  auto *Flag = new GlobalVariable(M, I8, /*isConstant=*/false, GlobalValue::PrivateLinkage,
                                  ConstantInt::get(I8, WEFT_SITE_UNSEEN), "weft.site");
  SiteFlags[Access] = Flag;
  return Flag;
}

Candidates FunctionInstrumenter::collect() const {
  Candidates C;
  for (Instruction &I : instructions(F)) {
    if (isa<LoadInst, StoreInst>(I)) {
      if (I.isAtomic())
        C.Atomics.push_back(&I);
      else
        C.PlainAccesses.push_back(&I);
    } else if (isa<AtomicRMWInst, AtomicCmpXchgInst, FenceInst>(I)) {
      C.Atomics.push_back(&I);
    } else if (isa<ReturnInst, ResumeInst>(I)) {
      ++C.Exits;
    } else if (auto *CB = dyn_cast<CallBase>(&I)) {
      if (auto *MI = dyn_cast<MemIntrinsic>(CB))
        C.MemIntrinsics.push_back(MI);
      else if (auto *II = dyn_cast<IntrinsicInst>(CB);
               II && isMaskedMemoryIntrinsic(*II))
        ++NumSkippedMaskedIntrinsics;
      // Intrinsics (debug records, lifetime markers, memcpy) never reach
      // instrumented code, so they do not need a frame on the shadow stack.
      if (!isa<IntrinsicInst>(CB))
        C.HasCalls = true;
    }
  }
  return C;
}

void FunctionInstrumenter::choose(Candidates &C) {
  if (!Options.MemoryAccesses)
    C.PlainAccesses.clear();
  if (!Options.Atomics)
    C.Atomics.clear();
  if (!Options.MemIntrinsics)
    C.MemIntrinsics.clear();

  erase_if(C.PlainAccesses, [&](Instruction *I) {
    if (DL.getTypeStoreSize(getLoadStoreType(I)).isZero()) {
      ++NumSkippedEmptyAccesses;
      return true;
    }
    return RaceFree.canSkip(*I, getLoadStorePointerOperand(I));
  });

  // An atomic (or fence) scoped to a single thread orders the thread against
  // its own signal handlers only: it is a compiler barrier, no other thread
  // can synchronize with it or race on it. Other atomics are kept even on
  // private memory: they are cheap, rare, and the runtime's scheduling points.
  erase_if(C.Atomics, [&](Instruction *I) {
    if (isSingleThreadScope(*I)) {
      ++NumSkippedSingleThreadAtomics;
      return true;
    }
    const Value *Ptr = getLoadStorePointerOperand(I);
    if (auto *RMW = dyn_cast<AtomicRMWInst>(I))
      Ptr = RMW->getPointerOperand();
    else if (auto *CAS = dyn_cast<AtomicCmpXchgInst>(I))
      Ptr = CAS->getPointerOperand();
    return Ptr && RaceFree.cannotDescribe(Ptr);
  });
  // Memory intrinsics are filtered operand by operand when instrumented.
  if (Options.ElideRedundant)
    elideRedundant(C);
  if (Options.HoistLoopChecks && !C.PlainAccesses.empty() &&
      !F.hasOptNone())
    C.LoopChecks = hoistLoopChecks(F, C.PlainAccesses,
                                   FAM.getResult<LoopAnalysis>(F),
                                   FAM.getResult<ScalarEvolutionAnalysis>(F),
                                   FAM.getResult<DominatorTreeAnalysis>(F), DL);
  if (Options.InlineFastPaths)
    chooseInline(C);
  else
    InlineEntryExit = false;
}

/// Which accesses get the inline fast path. Each costs some 28 IR
/// instructions and four blocks where a call costs one instruction, and
/// code generation's time grows with them: LevelDB's db_test.cc at -O1,
/// whose test bodies the inliner had filled with gtest's and std::string's
/// loops, took 2.4 times TSan's time to compile with every access in a loop
/// inline, and less than TSan's with none (docs/performance.md, compile
/// time). The inline path pays off where an access repeats and the call's
/// push and pop would show: in small functions, called often where it
/// matters (deep_calls' recursion), and in small innermost loops, the hot
/// loops of compute kernels. Everything else makes a register-preserving
/// call (preserving_access.cc), which costs its caller no spills.
///
/// The module's budget (-weft-inline-budget, in IR instructions) bounds the
/// whole: the pass visits functions smallest first, and each takes its
/// inline paths whole if they fit in what is left, else calls the runtime
/// throughout. A program's small files (deep_calls needs some 6,000) get
/// every path the rules pick; a large file gets as many as a small one,
/// and its compile time stays TSan's plus a constant.
void FunctionInstrumenter::chooseInline(Candidates &C) {
  // What an inline path costs in IR instructions (InlineFastPaths.cpp):
  // an access check, a push, a pop.
  constexpr uint64_t kCheckCost = 30, kEntryCost = 14, kExitCost = 8;
  auto Afford = [&](uint64_t Cost) {
    if (Cost > InlineBudget)
      return false;
    InlineBudget -= Cost;
    return true;
  };
  if (SmallFunction) {
    uint64_t Cost = kCheckCost * C.PlainAccesses.size();
    if (Options.FuncEntryExit)
      Cost += kEntryCost + kExitCost * C.Exits;
    if (Afford(Cost)) {
      C.Inline.insert(C.PlainAccesses.begin(), C.PlainAccesses.end());
      InlineEntryExit = true;
    } else {
      NumOverBudget += C.PlainAccesses.size();
    }
    return;
  }
  if (Options.InlineLoopSize == 0) {
    NumCalledOutsideLoops += C.PlainAccesses.size();
    return;
  }
  const LoopInfo &LI = FAM.getResult<LoopAnalysis>(F);
  DenseMap<const Loop *, bool> SmallLoop;
  auto IsSmall = [&](const Loop *L) {
    auto [It, New] = SmallLoop.try_emplace(L, false);
    if (New) {
      unsigned Size = 0;
      for (const BasicBlock *BB : L->blocks())
        Size += BB->size();
      It->second = Size <= Options.InlineLoopSize;
    }
    return It->second;
  };
  for (Instruction *I : C.PlainAccesses) {
    const Loop *L = LI.getLoopFor(I->getParent());
    if (L && L->isInnermost() && IsSmall(L))
      C.Inline.insert(I);
    else
      ++NumCalledOutsideLoops;
  }
  if (!Afford(kCheckCost * C.Inline.size())) {
    NumOverBudget += C.Inline.size();
    C.Inline.clear();
  }
}

/// Checks that other checks imply (RedundantChecks.cpp): a repeat of an
/// access already checked on every path into it, a read that a write of the
/// same bytes follows on every path, with nothing that may synchronize in
/// between (calls to `nosync` functions do not). Race-kept tests:
/// test/e2e/elided_*_race.c. A skipped access keeps its scheduling point
/// (ElidedWindows): the window between a read and the write it precedes, or
/// between two reads, is where a lost update or a double fetch happens
/// (test/instrumentation/elided_window_points.ll).
void FunctionInstrumenter::elideRedundant(Candidates &C) {
  SmallPtrSet<Instruction *, 16> Elided;
  for (RedundantCheck &R : findRedundantChecks(F, C.PlainAccesses, DL)) {
    Elided.insert(R.Skipped);
    ++(R.ReadBeforeWrite ? NumElidedReadsBeforeWrite : NumElidedRepeats);
    C.ElidedWindows.push_back({R.Skipped, std::move(R.Covers)});
  }
  erase_if(C.PlainAccesses, [&](Instruction *I) { return Elided.count(I); });
}

bool FunctionInstrumenter::instrument(const Candidates &C) {
  InlineChosen = &C.Inline;
  for (Instruction *I : C.PlainAccesses)
    instrumentPlainAccess(I);
  for (Instruction *I : C.Atomics)
    instrumentAtomic(I);
  // A window the program has between two accesses stays in the schedule
  // where a check was skipped: the skipped access is a race-directed point
  // whenever the access covering it is (emitSitePoint), checked inline or
  // called out of line. Only a cover without a flag (a 16-byte access, a
  // vtable pointer) leaves its skipped access without a point.
  for (const auto &W : C.ElidedWindows) {
    SmallVector<GlobalVariable *, 2> Flags;
    for (Instruction *Cover : W.Covers)
      if (GlobalVariable *Flag = SiteFlags.lookup(Cover))
        Flags.push_back(Flag);
    if (Flags.empty())
      continue;
    emitSitePoint(W.Skipped, getLoadStorePointerOperand(W.Skipped), Flags, RT.site_point,
                  bestLocation(W.Skipped));
    ++NumElidedSitePoints;
  }
  for (const RangeCheck &R : C.LoopChecks) {
    IRBuilder<> IRB(R.InsertBefore);
    setDebugLocation(IRB, F, bestLocation(R.Access));
    callRuntime(IRB, R.IsWrite ? RT.write_range : RT.read_range, {R.Begin, R.Bytes});
  }
  bool Changed = !C.PlainAccesses.empty() || !C.Atomics.empty() ||
                 !C.LoopChecks.empty();
  for (MemIntrinsic *MI : C.MemIntrinsics)
    Changed |= instrumentMemIntrinsic(MI);

  if (Options.FuncEntryExit && (Changed || C.HasCalls)) {
    instrumentEntryExit();
    Changed = true;
  }
  return Changed;
}

void FunctionInstrumenter::emitAccess(IRBuilder<> &IRB, Instruction *Access, Value *Ptr,
                                      TypeSize Size, Align Alignment, bool IsWrite) {
  if (!Size.isScalable())
    if (FunctionCallee Sized = RT.sized(Size.getFixedValue(), IsWrite)) {
      if (InlineChosen && InlineChosen->count(Access) &&
          canInlineAccessCheck(Size.getFixedValue(), Alignment.value())) {
        LastThr = emitInlineAccessCheck(Access, Ptr, Size.getFixedValue(), IsWrite,
                                        RT.sized(Size.getFixedValue(), IsWrite, true),
                                        newSiteFlag(Access), IRB.getCurrentDebugLocation(),
                                        threadKnownAt(Access));
        LastInlined = Access;
        ++NumInlineChecks;
      } else if (Size.getFixedValue() <= 8) {
        // Out of line, with a site flag as the inline check's: the site is a
        // race-directed point in the same way (preserving_access.cc).
        callRuntime(IRB, Sized, {Ptr, newSiteFlag(Access)});
        ++NumCalledWithSite;
      } else {
        callRuntime(IRB, Sized, {Ptr});
      }
      IsWrite ? ++NumInstrumentedWrites : ++NumInstrumentedReads;
      return;
    }
  // Odd sizes, large vectors and scalable vectors (whose size is a multiple
  // of vscale known only at run time) go through the range entry points.
  Value *Bytes = IRB.CreateTypeSize(IRB.getInt64Ty(), Size);
  callRuntime(IRB, IsWrite ? RT.write_range : RT.read_range, {Ptr, Bytes});
  ++NumInstrumentedRanges;
}

// Volatile accesses are instrumented like any other: volatile keeps the
// compiler from removing or reordering them, it does not order threads.
void FunctionInstrumenter::instrumentPlainAccess(Instruction *I) {
  IRBuilder<> IRB(I);
  setDebugLocation(IRB, F, bestLocation(I));
  // Vtable-pointer accesses (tagged by clang's TBAA at -O1 and above) get
  // their own callbacks so the runtime can tell a virtual call racing with a
  // destructor from an ordinary race.
  MDNode *Tag = I->getMetadata(LLVMContext::MD_tbaa);
  if (Tag && Tag->isTBAAVtableAccess()) {
    if (auto *SI = dyn_cast<StoreInst>(I))
      callRuntime(IRB, RT.vptr_update,
                     {SI->getPointerOperand(),
                      IRB.CreatePointerCast(SI->getValueOperand(), IRB.getPtrTy())});
    else
      callRuntime(IRB, RT.vptr_read, {getLoadStorePointerOperand(I)});
    ++NumInstrumentedVptrAccesses;
    return;
  }
  emitAccess(IRB, I, getLoadStorePointerOperand(I), DL.getTypeStoreSize(getLoadStoreType(I)),
             getLoadStoreAlignment(I), isa<StoreInst>(I));
}

void FunctionInstrumenter::instrumentAtomic(Instruction *I) {
  IRBuilder<> IRB(I);
  setDebugLocation(IRB, F, bestLocation(I));
  auto SizeOf = [&](Type *Ty) {
    return IRB.getInt32(DL.getTypeStoreSize(Ty).getFixedValue());
  };
  auto Order = [&](AtomicOrdering O) { return IRB.getInt32(cOrder(O)); };

  if (auto *LI = dyn_cast<LoadInst>(I)) {
    callRuntime(IRB, RT.atomic_load,
                   {LI->getPointerOperand(), SizeOf(LI->getType()),
                    Order(LI->getOrdering())});
  } else if (auto *SI = dyn_cast<StoreInst>(I)) {
    callRuntime(IRB, RT.atomic_store, {SI->getPointerOperand(),
                                     SizeOf(SI->getValueOperand()->getType()),
                                     Order(SI->getOrdering())});
  } else if (auto *RMW = dyn_cast<AtomicRMWInst>(I)) {
    callRuntime(IRB, RT.atomic_rmw, {RMW->getPointerOperand(),
                                   SizeOf(RMW->getValOperand()->getType()),
                                   Order(RMW->getOrdering())});
  } else if (auto *CAS = dyn_cast<AtomicCmpXchgInst>(I)) {
    Value *Ptr = CAS->getPointerOperand();
    Value *Size = SizeOf(CAS->getNewValOperand()->getType());
    // Before: the scheduling point. After: the outcome, which decides
    // whether the success or the failure order applies.
    callRuntime(IRB, RT.atomic_cmpxchg_point, {Ptr, Size});
    IRB.SetInsertPoint(CAS->getNextNode());
    setDebugLocation(IRB, F, bestLocation(CAS));
    Value *Succeeded =
        IRB.CreateZExt(IRB.CreateExtractValue(CAS, 1, "weft.cmpxchg.success"),
                       IRB.getInt32Ty());
    callRuntime(IRB, RT.atomic_cmpxchg,
                   {Ptr, Size, Succeeded, Order(CAS->getSuccessOrdering()),
                    Order(CAS->getFailureOrdering())});
  } else if (auto *Fence = dyn_cast<FenceInst>(I)) {
    callRuntime(IRB, RT.atomic_fence, {Order(Fence->getOrdering())});
  } else {
    llvm_unreachable("not an atomic instruction");
  }
  ++NumInstrumentedAtomics;
}

/// Constant lengths up to this many bytes are left to the backend, which
/// expands them inline: baseline x86-64 stores up to 4 (-Os) or 8 (-O2)
/// 16-byte registers for a memcpy, twice as many for a memset. Longer ones,
/// and lengths known only at run time, are a call of libc's function.
constexpr uint64_t kLargestInlineMemOp = 64;

/// Whether the pass replaces \p MI by the runtime's __weft_memcpy and the
/// like: never the .inline forms (always expanded inline), volatile ones
/// (left as they are), or those touching another address space (the
/// runtime's functions take plain pointers; only the address-space-0 side
/// is range-checked).
static bool replaceByRuntimeCall(const MemIntrinsic &MI) {
  if (isa<MemCpyInlineInst, MemSetInlineInst>(MI) || MI.isVolatile() ||
      MI.getDestAddressSpace() != 0)
    return false;
  if (auto *MT = dyn_cast<MemTransferInst>(&MI); MT && MT->getSourceAddressSpace() != 0)
    return false;
  auto *Length = dyn_cast<ConstantInt>(MI.getLength());
  return !Length || Length->getZExtValue() > kLargestInlineMemOp;
}

// memcpy/memmove read all of the source and write all of the destination;
// memset writes the destination. Each side goes through the same
// cannot-race rules as a plain access. An intrinsic the backend expands
// inline stays, and the runtime sees its ranges just before it; one that
// would become a libc call is replaced by the runtime's __weft_memcpy (and
// the like), which checks both ranges and does the work: left alone, the
// call would reach weft's memcpy interceptor and be checked twice. Returns
// true if anything was inserted.
bool FunctionInstrumenter::instrumentMemIntrinsic(MemIntrinsic *MI) {
  IRBuilder<> IRB(MI);
  setDebugLocation(IRB, F, bestLocation(MI));
  auto *MT = dyn_cast<MemTransferInst>(MI);
  bool ReadSource = MT && !RaceFree.canSkip(*MI, MT->getRawSource());
  bool WriteDest = !RaceFree.canSkip(*MI, MI->getRawDest());
  if (!ReadSource && !WriteDest)
    return false;
  ++NumInstrumentedMemIntrinsics;
  Value *Length = IRB.CreateZExtOrTrunc(MI->getLength(), IRB.getInt64Ty());
  if (replaceByRuntimeCall(*MI)) {
    if (MT)
      callRuntime(IRB, isa<MemMoveInst>(MT) ? RT.memmove : RT.memcpy,
                     {MT->getRawDest(), MT->getRawSource(), Length});
    else
      callRuntime(IRB, RT.memset, {MI->getRawDest(),
                                 IRB.CreateZExt(cast<MemSetInst>(MI)->getValue(),
                                                IRB.getInt32Ty()),
                                 Length});
    MI->eraseFromParent();
    ++NumMemIntrinsicsReplaced;
    return true;
  }
  if (ReadSource)
    callRuntime(IRB, RT.read_range, {MT->getRawSource(), Length});
  if (WriteDest)
    callRuntime(IRB, RT.write_range, {MI->getRawDest(), Length});
  return true;
}

void FunctionInstrumenter::instrumentEntryExit() {
  IRBuilder<> IRB(&*F.getEntryBlock().getFirstInsertionPt());
  // Attribute the entry to the line where the function's body starts, so a
  // stack frame reads "f at file.c:LINE" even before the first access.
  DebugLoc EntryLoc;
  if (DISubprogram *SP = F.getSubprogram())
    EntryLoc = DILocation::get(SP->getContext(), SP->getScopeLine(), 0, SP);
  setDebugLocation(IRB, F, EntryLoc);
  Value *ReturnAddress =
      IRB.CreateIntrinsic(Intrinsic::returnaddress, {}, {IRB.getInt32(0)});
  CallInst *Entry = callRuntime(IRB, RT.func_entry, {ReturnAddress});

  // Every way out: returns, and — when exceptions are handled — unwinding,
  // for which EscapeEnumerator turns calls that may throw into invokes with
  // a cleanup pad that calls func_exit and resumes. Without it a C++
  // exception passing through would leave a stale frame on the shadow stack.
  EscapeEnumerator Exits(F, "weft_cleanup", Options.CxxExceptions);
  SmallVector<CallInst *, 4> ExitCalls;
  while (IRBuilder<> *AtExit = Exits.Next()) {
    setDebugLocation(*AtExit, F, AtExit->getCurrentDebugLocation());
    ExitCalls.push_back(callRuntime(*AtExit, RT.func_exit));
  }
  ++NumInstrumentedFunctions;

  // Inline, the calls become their fast paths (InlineFastPaths.h); only
  // now, because they split blocks, which the enumeration above walks.
  // Only in small functions: in a large one the calls (which keep the
  // caller's registers) cost little against its body, and the inline push
  // and pops would grow the code the backend compiles by a dozen
  // instructions and a few blocks per return (chooseInline).
  if (!InlineEntryExit)
    return;
  emitInlineFuncEntry(Entry, ReturnAddress, Entry->getDebugLoc());
  Entry->eraseFromParent();
  for (CallInst *Exit : ExitCalls) {
    emitInlineFuncExit(Exit, RT.func_exit, Exit->getDebugLoc());
    Exit->eraseFromParent();
  }
}

// The function now calls into the runtime, which reads and writes its own
// state: memory(none)/memory(read)/memory(argmem: ...) would let a later
// pass (or LTO) delete or move calls to it. Direct call sites may carry a
// copy of the inferred attribute, so they lose it too.
void FunctionInstrumenter::dropMemoryEffects() {
  F.removeFnAttr(Attribute::Memory);
  for (User *U : F.users())
    if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == &F)
      CB->removeFnAttr(Attribute::Memory);
}

void insertModuleCtor(Module &M, const RuntimeCallbacks &RT) {
  LLVMContext &C = M.getContext();
  Function *Ctor = Function::createWithDefaultAttr(
      FunctionType::get(Type::getVoidTy(C),
                        /*isVarArg=*/false),
      GlobalValue::InternalLinkage, 0, ModuleCtorName, &M);
  Ctor->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> IRB(BasicBlock::Create(C, "", Ctor));
  callRuntime(IRB, RT.init, {});
  IRB.CreateRetVoid();
  // Priority 0: before any user constructor (those are 65535 or >= 101), so
  // the runtime is up before the first instrumented access.
  appendToGlobalCtors(M, Ctor, /*Priority=*/0);
}

} // namespace

bool shouldInstrumentFunction(const Function &F) {
  if (F.isDeclaration())
    return false;
  // No prologue or epilogue may be generated in a naked function, and its
  // body is inline assembly anyway.
  if (F.hasFnAttribute(Attribute::Naked))
    return false;
  // __attribute__((disable_sanitizer_instrumentation)): the user's explicit
  // "no instrumentation of any kind here" (e.g. code that runs before the
  // runtime can).
  if (F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation))
    return false;
  // weft's own entry points and the constructor that starts the runtime.
  if (F.getName().starts_with(RuntimePrefix) || F.getName() == ModuleCtorName)
    return false;
  return true;
}

PreservedAnalyses WeftInstrumentationPass::run(Module &M,
                                               ModuleAnalysisManager &MAM) {
  // The constructor marks a module weft has already instrumented (the plugin
  // loaded twice, or the pass given twice): instrumenting again would report
  // every access twice.
  if (M.getFunction(ModuleCtorName))
    return PreservedAnalyses::all();

  RuntimeCallbacks RT(M);
  SmallVector<Function *, 32> Worklist;
  for (Function &F : M)
    if (shouldInstrumentFunction(F))
      Worklist.push_back(&F);
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  // Smallest first: they take the inline budget before large ones
  // (chooseInline). Stable, so equal sizes keep the module's order.
  SmallVector<std::pair<unsigned, Function *>, 32> BySize;
  for (Function *F : Worklist)
    BySize.push_back({F->getInstructionCount(), F});
  llvm::stable_sort(BySize, [](const auto &A, const auto &B) { return A.first < B.first; });
  uint64_t InlineBudget = Options.InlineBudget;
  for (auto [Size, F] : BySize) {
    if (FunctionInstrumenter(*F, RT, Options, FAM, InlineBudget).run())
      FAM.invalidate(*F, PreservedAnalyses::none());
  }

  insertModuleCtor(M, RT);
  return PreservedAnalyses::none();
}

} // namespace weft
