//===- NoSpeculativeLoads.cpp - Mark functions sanitize_thread -------------===//
//
// See NoSpeculativeLoads.h for why. The functions marked are exactly the
// ones the instrumentation pass will instrument (shouldInstrumentFunction):
// a function the user opted out of instrumentation keeps every optimization.
//
//===----------------------------------------------------------------------===//

#include "NoSpeculativeLoads.h"
#include "WeftInstrumentation.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

#define DEBUG_TYPE "weft"

using namespace llvm;

STATISTIC(NumMarkedSanitizeThread,
          "Functions marked sanitize_thread (no speculative loads)");

namespace weft {

PreservedAnalyses NoSpeculativeLoadsPass::run(Module &M,
                                              ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function &F : M) {
    if (!shouldInstrumentFunction(F) ||
        F.hasFnAttribute(Attribute::SanitizeThread))
      continue;
    F.addFnAttr(Attribute::SanitizeThread);
    ++NumMarkedSanitizeThread;
    Changed = true;
  }
  // A function attribute invalidates nothing an analysis caches about the
  // function's body, but the cheap answer is the safe one.
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace weft
