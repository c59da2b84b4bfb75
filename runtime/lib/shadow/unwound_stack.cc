//===- unwound_stack.cc - Call stacks from the unwind tables --------------===//

#include "interceptors/signal_handlers.h"
#include "shadow/unwound_stack.h"

#include "base/internal_libc.h"
#include "interceptors/interceptor.h"
#include "core/rtl.h"

#include <csetjmp>
#include <csignal>
#include <unwind.h>

// setjmp_interceptors.cc's: it also unwinds the shadow stack.
WEFT_DECLARE_OWN(siglongjmp)

namespace weft {
namespace {

constexpr size_t kMaxUnwound = 64;
/// Frames visited at most, kept or not: a corrupt stack may loop.
constexpr size_t kMaxVisited = 256;

/// The pcs the unwinder visits from the frame whose pc is Start on, until
/// Stop (not included) or the end of the stack.
struct Unwind {
  Unwind(uintptr_t Start, uintptr_t Stop) : Start(Start), Stop(Stop) {}
  uintptr_t Start;
  uintptr_t Stop; // 0: to the end
  bool Started = false;
  bool Stopped = false;
  size_t Visited = 0;
  size_t N = 0;
  uintptr_t Pcs[kMaxUnwound];
};

_Unwind_Reason_Code visitFrame(struct _Unwind_Context *Ctx, void *Arg) {
  auto *U = static_cast<Unwind *>(Arg);
  if (++U->Visited > kMaxVisited)
    return _URC_END_OF_STACK;
  uintptr_t Pc = _Unwind_GetIP(Ctx);
  if (!U->Started) {
    if (Pc != U->Start)
      return _URC_NO_REASON;
    U->Started = true;
  }
  if (U->Stop && Pc == U->Stop) {
    U->Stopped = true;
    return _URC_END_OF_STACK;
  }
  if (U->N == kMaxUnwound || Pc == 0)
    return _URC_END_OF_STACK;
  U->Pcs[U->N++] = Pc;
  return _URC_NO_REASON;
}

void unwind(Unwind &U) {
  // The unwinder may allocate (the loader's phdr cache): not the program's.
  UnscheduledScope Quiet;
  _Unwind_Backtrace(visitFrame, &U);
}

sigjmp_buf UnwindFault;
void onUnwindFault(int) { WEFT_OWN(siglongjmp)(UnwindFault, 1); }

/// unwind(), from a crash handler: the stack that crashed the program may
/// be corrupt enough to crash the unwinder too (a smashed frame pointer).
/// A fault while unwinding ends the unwind, as if it had found nothing, and
/// the report goes on with the shadow stack. Returns whether it finished.
bool unwindAfterCrash(Unwind &U) {
  struct sigaction Catch, OldSegv, OldBus;
  internalMemset(&Catch, 0, sizeof(Catch));
  Catch.sa_handler = onUnwindFault;
  Catch.sa_flags = SA_NODEFER;
  sigemptyset(&Catch.sa_mask);
  realSigaction(SIGSEGV, &Catch, &OldSegv);
  realSigaction(SIGBUS, &Catch, &OldBus);
  ThreadState *Thr = CurThread;
  bool Finished = false;
  if (sigsetjmp(UnwindFault, /*savemask=*/1) == 0) {
    unwind(U);
    Finished = true;
  }
  // A fault left unwind()'s UnscheduledScope without its destructor.
  setCurThread(Thr);
  realSigaction(SIGSEGV, &OldSegv, nullptr);
  realSigaction(SIGBUS, &OldBus, nullptr);
  return Finished;
}

} // namespace

StackId unwoundStackFrom(ThreadState *Thr, uintptr_t CallerPc) {
  Unwind U{CallerPc, 0};
  unwind(U);
  if (U.N == 0)
    return stack_trie::child(currentStack(Thr), CallerPc);
  StackId Id = kEmptyStack;
  for (size_t I = U.N; I > 0; --I)
    Id = stack_trie::child(Id, U.Pcs[I - 1]);
  return Id;
}

StackId crashStack(ThreadState *Thr, uintptr_t Pc, bool ProgramFramesOnly) {
  StackId Id = currentStack(Thr);
  if (!Pc)
    return Id;
  // The shadow stack's innermost frame is the return address into the
  // caller of the innermost instrumented function: the unwind from Pc
  // meets it after the frames below that function.
  if (uintptr_t Innermost = Thr->Shadow.innermostReturnPc()) {
    Unwind U{Pc, Innermost};
    // U.Pcs[0] is Pc itself; the rest are return addresses, innermost first.
    if (unwindAfterCrash(U) && U.Stopped) {
      // The outermost of them returns into the program's own frame.
      if (ProgramFramesOnly && U.N > 1)
        return stack_trie::child(Id, U.Pcs[U.N - 1]);
      for (size_t I = U.N; I > 1; --I)
        Id = stack_trie::child(Id, U.Pcs[I - 1]);
    }
  }
  // The faulting pc is not a return address: +1 makes the symbolizer look
  // at the instruction itself.
  return stack_trie::child(Id, Pc + 1);
}

} // namespace weft
