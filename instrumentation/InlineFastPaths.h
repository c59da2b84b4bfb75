//===- InlineFastPaths.h - The runtime's fast paths, inlined ----*- C++ -*-===//
//
// The access check and function entry/exit run on nearly every instruction
// and call of the program; their common case is a few loads and stores of
// the running thread's state, which the pass emits inline from the layout
// facts in weft/shadow_layout.h instead of calling the runtime.
//
// Most accesses a thread makes it has already made, in the same epoch, a
// moment before: the runtime's check then only finds its own earlier slot
// and returns. This emits that finding inline, in front of an aligned 1-,
// 2-, 4- or 8-byte access, from the layout facts in weft/shadow_layout.h:
// load the thread, count the access down, load the shadow region and the
// granule's first slot, compare. Everything else (the scheduling
// countdown run out, a region not mapped yet, a slot that does not cover
// the access) calls the access's slow entry point, which checks the access
// in full exactly as the entry point would have. It never stores anything
// but the countdown. A thread weft does not schedule loads a dormant
// stand-in instead of null, whose slow paths return at once.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_INSTRUMENTATION_INLINEFASTPATHS_H
#define WEFT_INSTRUMENTATION_INLINEFASTPATHS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/IR/DebugLoc.h"
#include "llvm/IR/DerivedTypes.h"

namespace llvm {
class Instruction;
class Module;
class Value;
} // namespace llvm

namespace weft {

/// Whether an access of \p Size bytes, \p Alignment-aligned, lies in one
/// granule wherever it is: then its check can be inlined.
bool canInlineAccessCheck(uint64_t Size, uint64_t Alignment);

/// Emits the inline check in front of \p Access (which reads or writes
/// \p Size bytes at \p Ptr), with \p SlowEntryPoint (__weft_read8_slow and
/// the like) as its slow path, and \p Site, the access's site flag (an i8
/// global, weft/shadow_layout.h), handed to it; every instruction it adds is at \p Loc. Splits \p Access's block: the caller's analyses of the
/// function's control flow are stale afterwards.
/// Returns the thread pointer it tested; \p KnownThr, if given, is used
/// instead of loading it: the value an earlier site in the same stretch
/// without calls returned (only a call can change the running thread's
/// state pointer: a thread's start, a fork).
llvm::Value *emitInlineAccessCheck(llvm::Instruction *Access, llvm::Value *Ptr, unsigned Size,
                                   bool IsWrite, llvm::FunctionCallee SlowEntryPoint,
                                   llvm::Value *Site, const llvm::DebugLoc &Loc,
                                   llvm::Value *KnownThr = nullptr);

/// Emits, before \p Access (an access whose check was skipped), a
/// race-directed point tied to \p Flags, the site flags of the accesses whose
/// checks cover it (one per path into it): \p SitePoint (__weft_site_point)
/// is called with \p Ptr when any flag says WEFT_SITE_POINT. Quiet or unseen
/// flags cost a byte load and a compare each, and one branch.
void emitSitePoint(llvm::Instruction *Access, llvm::Value *Ptr,
                   llvm::ArrayRef<llvm::GlobalVariable *> Flags, llvm::FunctionCallee SitePoint,
                   const llvm::DebugLoc &Loc);

/// Emits __weft_func_entry(\p CallerPc) inline before \p Before: the pc
/// pushed on the thread's call stack. Never calls the runtime.
void emitInlineFuncEntry(llvm::Instruction *Before, llvm::Value *CallerPc,
                         const llvm::DebugLoc &Loc);

/// Emits __weft_func_exit() inline before \p Before: the depth lowered,
/// or \p FuncExit called when that reaches the stack's low mark (the
/// runtime then forgets what its tries knew of the frame).
void emitInlineFuncExit(llvm::Instruction *Before, llvm::FunctionCallee FuncExit,
                        const llvm::DebugLoc &Loc);

} // namespace weft

#endif // WEFT_INSTRUMENTATION_INLINEFASTPATHS_H
