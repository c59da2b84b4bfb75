//===- unwound_stack.h - Call stacks from the unwind tables ----*- C++ -*-===//
//
// The shadow stack holds only frames of instrumented functions. Where a
// report needs the frames in between (a thread started from libstdc++, a
// crash inside libc called from the program), they are read from the
// unwind tables. Rare events only: an unwind costs microseconds and may
// take the loader's lock.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_UNWOUND_STACK_H
#define WEFT_RUNTIME_UNWOUND_STACK_H

#include "shadow/shadow.h"

#include <cstdint>

namespace weft {

struct ThreadState;

/// The real call stack of the code that called a weft interceptor, which
/// returns to \p CallerPc, unwound to its bottom (at most 64 frames); the
/// shadow stack plus \p CallerPc if the unwind finds nothing.
StackId unwoundStackFrom(ThreadState *Thr, uintptr_t CallerPc);

/// The stack of a crash at \p Pc (the faulting instruction, from a signal
/// handler): the shadow stack, then the frames the unwind finds between
/// the shadow stack's innermost instrumented function and \p Pc (libc's
/// abort, raise, ... below the program's call of abort), then \p Pc. Without
/// such frames, if the unwind does not meet the shadow stack, or if it
/// faults (a corrupt stack), the shadow stack and \p Pc. With
/// \p ProgramFramesOnly (a stack overflow, which faults in whatever code
/// touched the guard page first, often weft's own slow path), the frames
/// below the program's innermost frame are left out.
StackId crashStack(ThreadState *Thr, uintptr_t Pc, bool ProgramFramesOnly);

} // namespace weft

#endif // WEFT_RUNTIME_UNWOUND_STACK_H
