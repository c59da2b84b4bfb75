//===- Plugin.cpp - Registration of weft's pass with LLVM's pass builder
//---===//
//
// The only file that touches the plugin API. It makes the pass reachable two
// ways: by name (`opt -passes=weft`, for tests) and automatically at the end of
// clang's optimization pipeline (`clang -fpass-plugin=WeftPass.so`).
//
// Why OptimizerLastEP: it runs after inlining and the scalar optimizations, so
// the pass sees the accesses that survive into machine code (like TSan's
// placement) rather than every -O0 temporary; and PassBuilder's
// buildO0DefaultPipeline invokes the OptimizerLast callbacks as well (checked
// in LLVM 19's PassBuilderPipelines.cpp), so -O0 is covered by the same hook.
// At -O0 every function is `optnone`; the pass is isRequired(), so the
// optnone gate does not skip it.
//
// Why PipelineStartEP for the sanitize_thread mark (NoSpeculativeLoads.h): it
// must be on every function before the first pass that could speculate a
// load; the O0, default and (Thin)LTO pre-link pipelines all invoke it first.
//
//===----------------------------------------------------------------------===//

#include "NoSpeculativeLoads.h"
#include "WeftInstrumentation.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

static void registerWeftCallbacks(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name == "weft") {
          MPM.addPass(weft::WeftInstrumentationPass());
          return true;
        }
        if (Name == "weft-no-speculative-loads") {
          MPM.addPass(weft::NoSpeculativeLoadsPass());
          return true;
        }
        return false;
      });

  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(weft::NoSpeculativeLoadsPass());
      });

#if LLVM_VERSION_MAJOR >= 20
  // LLVM 20 added the LTO phase to this callback's signature; the pass does
  // not depend on it.
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel, ThinOrFullLTOPhase) {
        MPM.addPass(weft::WeftInstrumentationPass());
      });
#else
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(weft::WeftInstrumentationPass());
      });
#endif
}

extern "C" LLVM_ATTRIBUTE_WEAK
    LLVM_ATTRIBUTE_VISIBILITY_DEFAULT PassPluginLibraryInfo
    llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "weft", "0.1", registerWeftCallbacks};
}
