//===- futex_interceptors.cc - syscall(SYS_futex, ...) for scheduled threads =//
//
// libstdc++ waits with raw futex system calls (std::atomic<T>::wait/notify,
// std::latch, std::barrier, std::counting_semaphore, and through them
// std::jthread's stop_token), issued inline from the program through
// glibc's variadic syscall(). weft defines syscall: every call that is not
// a futex wait or wake goes to the real syscall() unchanged, with all six
// argument registers; the four futex operations below are modelled for
// scheduled threads, so a waiter blocks in the scheduler, never in the kernel.
//
//   FUTEX_WAIT        word == val: block (timeout relative, CLOCK_MONOTONIC);
//                     else EAGAIN
//   FUTEX_WAIT_BITSET the same with a bitset, timeout absolute on
//                     CLOCK_MONOTONIC (CLOCK_REALTIME with FUTEX_CLOCK_REALTIME)
//   FUTEX_WAKE        wake up to val waiters (the strategy picks which);
//                     returns how many
//   FUTEX_WAKE_BITSET the same, only waiters whose bitset intersects
//
// Private and shared futexes are modelled alike (one process). Other
// operations (requeue, wake-op, PI) pass through to the kernel: see
// docs/limits.md. Happens-before: the waker's clock is joined into each
// thread it wakes, and only those; a timed-out or EAGAIN wait gets nothing
// (the atomics on the word carry whatever ordering the program has).
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "core/sync_ops.h"

#include <cerrno>
#include <climits>
#include <cstdarg>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>

using namespace weft;

WEFT_DECLARE_REAL(long, syscall, long, long, long, long, long, long, long)

namespace {

constexpr int kFutexCmdMask = ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);

long fail(int Err) {
  errno = Err;
  return -1;
}

bool validTimespec(const struct timespec *Ts) {
  return !Ts || (Ts->tv_sec >= 0 && Ts->tv_nsec >= 0 && Ts->tv_nsec < 1000000000L);
}

long futexWait(ThreadState *Thr, uint32_t *Word, uint32_t Expected,
               uint64_t Deadline, uint32_t Bitset, uintptr_t Pc) {
  if (Bitset == 0)
    return fail(EINVAL);
  syncPoint(Thr, uintptr_t(Word), "futex_wait");
  // The comparison and the enqueueing are atomic for the program: nobody
  // else runs until this thread blocks.
  if (__atomic_load_n(Word, __ATOMIC_RELAXED) != Expected)
    return fail(EAGAIN);
  SyncVar *S = syncFor(uintptr_t(Word));
  if (!S->m().Futex)
    S->m().Futex = internalNew<FutexQueue>();
  Thr->BlockedStack = stack_trie::child(currentStack(Thr), Pc);
  for (;;) {
    if (!S->m().Futex->wait(Rt.Sched, uintptr_t(Word), Bitset, Deadline))
      return fail(ETIMEDOUT);
    if (Thr->Green.Interrupted != Interrupt::Signal)
      return 0;
    // A handler ran (signal_delivery.h). Linux restarts a wait without a
    // timeout after an SA_RESTART handler (comparing the word again), and
    // fails any other with EINTR.
    if (Deadline != kNoDeadline || !Thr->RestartAfterHandler)
      return fail(EINTR);
    if (__atomic_load_n(Word, __ATOMIC_RELAXED) != Expected)
      return fail(EAGAIN);
  }
}

long futexWake(ThreadState *Thr, uint32_t *Word, int N, uint32_t Bitset) {
  if (Bitset == 0)
    return fail(EINVAL);
  uint32_t Woken = 0;
  SyncVar *S = syncFind(uintptr_t(Word));
  if (S && S->m().Futex) {
    // The kernel wakes at least one waiter even for N <= 0.
    InternalVector<ThreadId> Ids;
    Woken = S->m().Futex->wake(Rt.Sched, N <= 0 ? 1u : uint32_t(N), Bitset, &Ids);
    if (!Thr->IgnoreSync) {
      for (ThreadId T : Ids)
        threadById(T)->Clock.join(Thr->Clock);
      if (Woken)
        releaseTick(Thr);
    }
  }
  syncPoint(Thr, uintptr_t(Word), "futex_wake");
  return long(Woken);
}

/// Returns true and sets \p Result if the call was modelled.
bool futexCall(ThreadState *Thr, const long *A, uintptr_t Pc, long *Result) {
  auto *Word = reinterpret_cast<uint32_t *>(A[0]);
  int Op = int(A[1]);
  uint32_t Val = uint32_t(A[2]);
  auto *Timeout = reinterpret_cast<const struct timespec *>(A[3]);
  uint32_t Bitset = uint32_t(A[5]);
  switch (Op & kFutexCmdMask) {
  case FUTEX_WAIT:
    // Relative timeout: which clock measures it makes no difference here.
    *Result = validTimespec(Timeout)
                  ? futexWait(Thr, Word, Val, virtualDeadlineAfter(Timeout), ~0u, Pc)
                  : fail(EINVAL);
    return true;
  case FUTEX_WAIT_BITSET: {
    clockid_t Clock = (Op & FUTEX_CLOCK_REALTIME) ? CLOCK_REALTIME : CLOCK_MONOTONIC;
    *Result = validTimespec(Timeout)
                  ? futexWait(Thr, Word, Val, virtualDeadline(Clock, Timeout), Bitset, Pc)
                  : fail(EINVAL);
    return true;
  }
  case FUTEX_WAKE:
    *Result = futexWake(Thr, Word, int(Val), ~0u);
    return true;
  case FUTEX_WAKE_BITSET:
    *Result = futexWake(Thr, Word, int(Val), Bitset);
    return true;
  default:
    return false;
  }
}

} // namespace

WEFT_INTERCEPTOR long syscall(long Nr, ...) {
  long A[6];
  va_list Ap;
  va_start(Ap, Nr);
  for (long &X : A)
    X = va_arg(Ap, long);
  va_end(Ap);
  if (Nr == SYS_futex)
    if (ThreadState *Thr = CurThread) {
      long R;
      if (futexCall(Thr, A, WEFT_CALLER_PC, &R))
        return R;
    }
  if (Nr == SYS_gettid)
    return ownOsThreadId(); // thread_switch=user: not the carrier's
  WEFT_ENSURE_REAL(syscall);
  return WEFT_REAL(syscall)(Nr, A[0], A[1], A[2], A[3], A[4], A[5]);
}
