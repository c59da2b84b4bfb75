//===- WeftInstrumentation.h - The weft instrumentation pass ----*- C++ -*-===//
//
// A module pass that makes every shared memory access, atomic operation,
// memory intrinsic and function entry/exit visible to weft's runtime, by
// inserting calls to the entry points listed in runtime_callbacks.def.
//
// It works in three steps per function — collect the candidates, choose the
// ones that can race (RaceFreeAccess.h holds the rules), instrument them — so
// that every skipped access is skipped by one named, counted rule.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_INSTRUMENTATION_WEFTINSTRUMENTATION_H
#define WEFT_INSTRUMENTATION_WEFTINSTRUMENTATION_H

#include "llvm/IR/PassManager.h"

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace weft {

/// What the pass instruments. The one public configuration of the pass; the
/// default comes from the hidden -weft-* command-line knobs.
struct WeftOptions {
  bool MemoryAccesses = true; ///< Plain (non-atomic) loads and stores.
  bool Atomics = true;        ///< Atomic accesses and fences.
  bool MemIntrinsics = true;  ///< llvm.memcpy / memmove / memset.
  bool FuncEntryExit = true;  ///< The shadow call stack.
  bool CxxExceptions = true;  ///< func_exit on unwinding paths too.
  bool ElideRedundant = true; ///< Skip accesses another check covers.
  bool HoistLoopChecks = true; ///< One range check for a loop's sweep.
  bool InlineFastPaths = true; ///< The access fast path inline.
  /// The largest function (in instructions) whose accesses all get the
  /// inline fast path.
  unsigned InlineSmallFunction = 200;
  /// In larger functions, the largest innermost loop (in instructions)
  /// whose accesses get it; the others call the entry point. 0: none.
  unsigned InlineLoopSize = 64;
  /// IR instructions of inline paths the whole module may grow by.
  uint64_t InlineBudget = 8192;

  /// The options as set by the -weft-* command-line flags.
  static WeftOptions fromCommandLine();
};

/// Whether the pass instruments \p F at all: a definition that is not naked,
/// not opted out with disable_sanitizer_instrumentation, and not weft's own.
bool shouldInstrumentFunction(const llvm::Function &F);

class WeftInstrumentationPass
    : public llvm::PassInfoMixin<WeftInstrumentationPass> {
public:
  explicit WeftInstrumentationPass(
      WeftOptions Options = WeftOptions::fromCommandLine())
      : Options(Options) {}

  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);

  /// Run even on optnone functions and at -O0: a race detector that silently
  /// skips unoptimized code would report nothing exactly when users debug.
  static bool isRequired() { return true; }

private:
  WeftOptions Options;
};

} // namespace weft

#endif // WEFT_INSTRUMENTATION_WEFTINSTRUMENTATION_H
