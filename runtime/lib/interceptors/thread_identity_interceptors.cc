//===- thread_identity_interceptors.cc - The kernel's view of a thread ----===//
//
// With thread_switch=user a program thread may run on another thread's OS
// thread (scheduler/user_switch.h). Its TLS, errno, pthread_self and glibc's
// cached tid follow it (they hang off the thread pointer), but what the
// kernel keys by OS thread does not: the thread id the kernel reports, the
// target of a signal a thread raises at itself, the signal mask and the
// alternate signal stack. This file keeps those exact:
//
//   gettid, syscall(SYS_gettid)   the id of the thread's own OS thread
//   raise, abort                  go home first, so the kernel delivers the
//                                 signal to the thread that raised it
//   sigprocmask, pthread_sigmask  a thread that sets a mask other than the
//                                 one every floating thread has is pinned
//                                 to its own OS thread (futex hand-offs)
//   sigaltstack                   a thread that sets its own is pinned
//
// With thread_switch=os every call goes straight to glibc.
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"

#include <csignal>
#include <cstdlib>
#include <unistd.h>

using namespace weft;

WEFT_DECLARE_REAL(pid_t, gettid)
WEFT_DECLARE_REAL(int, raise, int)
WEFT_DECLARE_REAL(void, abort)
WEFT_DECLARE_REAL(int, sigprocmask, int, const sigset_t *, sigset_t *)
WEFT_DECLARE_REAL(int, pthread_sigmask, int, const sigset_t *, sigset_t *)
WEFT_DECLARE_REAL(int, sigaltstack, const stack_t *, stack_t *)

namespace {

bool floating() {
  ThreadState *Thr = CurThread;
  return Thr && Rt.Sched.userSwitch() && !Thr->Green.Pinned;
}

/// Pins the current thread before it sets a mask that floating threads do
/// not share: the mask then stays with its own OS thread.
void beforeMaskChange(int How, const sigset_t *Set) {
  if (!Set || !floating())
    return;
  uint64_t Bits;
  internalMemcpy(&Bits, Set, sizeof(Bits));
  uint64_t Float = user_switch::floatMask();
  uint64_t New = How == SIG_BLOCK     ? Float | Bits
                 : How == SIG_UNBLOCK ? Float & ~Bits
                 : How == SIG_SETMASK ? Bits
                                      : Float;
  // glibc never lets a program block its own two signals.
  New &= ~((uint64_t(1) << 31) | (uint64_t(1) << 32));
  if (New != Float)
    Rt.Sched.pinCurrent(/*ForMask=*/true);
}

} // namespace

namespace weft {
pid_t ownOsThreadId() {
  ThreadState *Thr = CurThread;
  if (Thr && Rt.Sched.userSwitch())
    if (int Tid = Rt.Sched.homeTid(&Thr->Green))
      return Tid;
  return rawGettid();
}
} // namespace weft

WEFT_INTERCEPTOR pid_t gettid() { return ownOsThreadId(); }

// raise and abort leave no frame of weft's: a crash report of the signal
// they raise starts in glibc and goes on with the program's caller, as it
// did before weft intercepted them. Each goes home (a C++ helper that
// returns glibc's function) and then jumps to glibc's with the program's
// arguments and return address as they were.
extern "C" __attribute__((visibility("hidden"))) void *weft_before_raise() {
  WEFT_ENSURE_REAL(raise);
  if (floating())
    Rt.Sched.goHome();
  return reinterpret_cast<void *>(WEFT_REAL(raise));
}

extern "C" __attribute__((visibility("hidden"))) void *weft_before_abort() {
  WEFT_ENSURE_REAL(abort);
  if (floating())
    Rt.Sched.goHome();
  return reinterpret_cast<void *>(WEFT_REAL(abort));
}

// At entry %rsp is 8 past a 16-byte boundary; one push (or sub) realigns it
// for the call.
__asm__(".text\n"
        ".weak raise\n"
        ".type raise,@function\n"
        "raise:\n"
        "  pushq %rdi\n"
        "  callq weft_before_raise\n"
        "  popq %rdi\n"
        "  jmpq *%rax\n"
        ".size raise, .-raise\n"
        ".weak abort\n"
        ".type abort,@function\n"
        "abort:\n"
        "  subq $8, %rsp\n"
        "  callq weft_before_abort\n"
        "  addq $8, %rsp\n"
        "  jmpq *%rax\n"
        ".size abort, .-abort\n");

WEFT_INTERCEPTOR int sigprocmask(int How, const sigset_t *Set, sigset_t *Old) {
  WEFT_ENSURE_REAL(sigprocmask);
  beforeMaskChange(How, Set);
  return WEFT_REAL(sigprocmask)(How, Set, Old);
}

WEFT_INTERCEPTOR int pthread_sigmask(int How, const sigset_t *Set, sigset_t *Old) {
  WEFT_ENSURE_REAL(pthread_sigmask);
  beforeMaskChange(How, Set);
  return WEFT_REAL(pthread_sigmask)(How, Set, Old);
}

WEFT_INTERCEPTOR int sigaltstack(const stack_t *Ss, stack_t *Old) {
  WEFT_ENSURE_REAL(sigaltstack);
  if (Ss && floating())
    Rt.Sched.pinCurrent(/*ForMask=*/false);
  return WEFT_REAL(sigaltstack)(Ss, Old);
}
