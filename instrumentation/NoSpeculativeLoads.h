//===- NoSpeculativeLoads.h - No loads the program never made -*- C++ -*-===//
//
// A module pass, run at the start of the optimization pipeline, that marks
// every function weft will instrument `sanitize_thread`, as clang does under
// -fsanitize=thread.
//
// Why: the optimizer may execute a load the program only performs on one path
// ahead of the branch (SimplifyCFG turns `if (c) r = x;` into a select of a
// load it hoisted, LICM moves a guarded load out of its loop, GVN widens a
// load over its neighbours). Harmless for the program, since the value is
// thrown away, but weft's pass runs after those and would check the invented
// read: a data race the program never has. LLVM's passes consult the
// attribute (mustSuppressSpeculation, the load-widening check in VNCoercion)
// and leave such loads where they are in a function that carries it. Nothing
// else in LLVM 19 reads it except TSan's own pass, which weft's toolchain
// never runs.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_INSTRUMENTATION_NOSPECULATIVELOADS_H
#define WEFT_INSTRUMENTATION_NOSPECULATIVELOADS_H

#include "llvm/IR/PassManager.h"

namespace weft {

class NoSpeculativeLoadsPass
    : public llvm::PassInfoMixin<NoSpeculativeLoadsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);

  /// At -O0 too (the attribute costs nothing there), and on optnone
  /// functions: the mark must already be on them if LTO optimizes them later.
  static bool isRequired() { return true; }
};

} // namespace weft

#endif // WEFT_INSTRUMENTATION_NOSPECULATIVELOADS_H
