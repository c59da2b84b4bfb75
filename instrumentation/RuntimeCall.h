//===- RuntimeCall.h - A call of one of the runtime's entry points -*- C++ -*-===//
//
// Every call the pass inserts into the runtime is made here, so that it
// carries its callee's calling convention: the plain access entry points
// keep their caller's registers (runtime_callbacks.def,
// WEFT_PRESERVING_CALLBACK), and a call whose convention differs from its
// callee's is undefined behaviour that the optimizer may delete.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_INSTRUMENTATION_RUNTIMECALL_H
#define WEFT_INSTRUMENTATION_RUNTIMECALL_H

#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"

namespace weft {

inline llvm::CallInst *callRuntime(llvm::IRBuilderBase &B, llvm::FunctionCallee Callee,
                                   llvm::ArrayRef<llvm::Value *> Args = {}) {
  llvm::CallInst *Call = B.CreateCall(Callee, Args);
  if (auto *F = llvm::dyn_cast<llvm::Function>(Callee.getCallee()))
    Call->setCallingConv(F->getCallingConv());
  return Call;
}

} // namespace weft

#endif // WEFT_INSTRUMENTATION_RUNTIMECALL_H
